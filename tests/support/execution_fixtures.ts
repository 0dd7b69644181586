/**
 * Helpers for testing the process executor directly: a local account, function code
 * directories written to temp dirs, specs, invocations and process checks.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import type { LocalAccount } from "../../src/local/account.ts";
import type {
  FunctionExecutor,
  FunctionSpec,
  InvocationRequest,
  InvocationResult,
} from "../../src/local/lambda/function_executor.ts";

/** A scratch directory for one test file: account data and function code live under it. */
export interface Scratch {
  /** The directory. */
  readonly dir: string;
  /** An account whose data directory is inside the scratch directory. */
  account(endpoint?: string): LocalAccount;
  /** Writes a function's files (path → source) into a new code directory. */
  code(files: Readonly<Record<string, string>>): Promise<string>;
  /** Removes everything. */
  remove(): Promise<void>;
}

/** Creates a scratch directory. */
export async function createScratch(): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), "execution-test-"));
  return {
    dir,
    account: (endpoint = "http://127.0.0.1:9") => ({
      accountId: "000000000000",
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      dataDir: join(dir, "data"),
      endpoint: () => endpoint,
    }),
    async code(files) {
      const codeDir = join(dir, `code-${randomUUID()}`);
      for (const [path, source] of Object.entries(files)) {
        await mkdir(dirname(join(codeDir, path)), { recursive: true });
        await writeFile(join(codeDir, path), source);
      }
      await mkdir(codeDir, { recursive: true });
      return codeDir;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A spec for a function in `codeDir`, with AWS's defaults unless overridden. */
export function functionSpec(codeDir: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  const functionName = overrides.functionName ?? `fn-${randomUUID().slice(0, 8)}`;
  return {
    functionName,
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    version: "$LATEST",
    runtime: "nodejs22.x",
    handler: "index.handler",
    codeDir,
    revisionId: randomUUID(),
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: {},
    architecture: "x86_64",
    ...overrides,
  };
}

/** An invocation's result with its payload parsed. */
export interface Invoked {
  /** The request id used. */
  readonly requestId: string;
  /** The raw result. */
  readonly result: InvocationResult;
  /** The payload, parsed as JSON. */
  // deno-lint-ignore no-explicit-any
  readonly body: any;
}

/** Invokes with a JSON event and parses the answer. */
export async function invoke(
  executor: FunctionExecutor,
  spec: FunctionSpec,
  event: unknown = {},
  extra: Partial<InvocationRequest> = {},
): Promise<Invoked> {
  const requestId = extra.requestId ?? randomUUID();
  const result = await executor.invoke(spec, {
    requestId,
    payload: new TextEncoder().encode(JSON.stringify(event)),
    invokedFunctionArn: spec.functionArn,
    ...extra,
  });
  return { requestId, result, body: JSON.parse(new TextDecoder().decode(result.payload)) };
}

/**
 * Whether a process is still running. A zombie (dead, not yet reaped, as orphans are in
 * containers whose init does not reap) counts as gone.
 */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return process.platform !== "linux";
  }
}

/** Waits until a process is gone; false if it is still there after `timeoutMs`. */
export async function processGone(pid: number, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processExists(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** The pid a function printed as `pid=<n>` in an invocation's log. */
export function loggedPid(log: string): number {
  const match = /pid=(\d+)/.exec(log);
  if (!match) throw new Error(`no pid in log:\n${log}`);
  return Number(match[1]);
}
