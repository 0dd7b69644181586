/**
 * Observing invocations from outside: a function that appends one JSON line per attempt to
 * the file named by its `OUT_FILE` environment variable (function processes run on this
 * host), so tests can count asynchronous attempts and retries without mocks.
 *
 * @module
 */
import type { CreateFunctionCommandInput } from "@aws-sdk/client-lambda";
import { existsSync, readFileSync } from "node:fs";
import { moduleZip } from "./lambda_functions.ts";

/** Handler source: records `{requestId, event}`, then throws when `event.fail` is true. */
export const RECORDING_SOURCE = `import { appendFileSync } from "node:fs";
export const handler = async (event, context) => {
  appendFileSync(process.env.OUT_FILE, JSON.stringify({ requestId: context.awsRequestId, event }) + "\\n");
  if (event.fail) throw new Error("failing on purpose");
  return "recorded";
};
`;

/**
 * CreateFunction input for a function that runs `RECORDING_SOURCE` and records into `outFile`.
 *
 * @example
 * ```ts
 * await createActiveFunction(lambda, aws, "event-fn", recordingFunction(outFile));
 * ```
 *
 * @param outFile The file it appends one line per attempt to.
 * @returns The `Code` and `Environment` to create the function with.
 */
export function recordingFunction(outFile: string): Partial<CreateFunctionCommandInput> {
  return {
    Code: { ZipFile: moduleZip(RECORDING_SOURCE) },
    Environment: { Variables: { OUT_FILE: outFile } },
  };
}

/** One recorded attempt. */
export interface RecordedAttempt {
  readonly requestId: string;
  readonly event: unknown;
}

/** The attempts recorded so far. */
export function attemptsRecorded(file: string): RecordedAttempt[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
}

/** Waits (up to `timeoutMs`) until at least `count` attempts are recorded; returns them. */
export async function waitForAttempts(
  file: string,
  count: number,
  timeoutMs = 10_000,
): Promise<RecordedAttempt[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempts = attemptsRecorded(file);
    if (attempts.length >= count) return attempts;
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} attempts in ${file}, saw ${attempts.length} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
