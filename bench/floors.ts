/**
 * The invoke floor ours is measured against, written by hand over the raw Lambda client: one
 * synchronous Invoke of a one-line handler, the value in the payload. Also how the bench
 * creates its floor functions (the S3 floor's too).
 *
 * @module
 */
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import type { LocalAwsServer } from "../local.ts";
import { createZip } from "../src/archive/zip_writer.ts";

/** The invoke floor's handler. */
export const INVOKE_FLOOR_SOURCE = "export const handler = async (e) => e.n + 1;\n";

/** Memory of the floor functions, MB (the executor's default, so prices compare alike). */
export const FLOOR_MEMORY_MB = 512;

/** The role the floor functions run as, created in local AWS. */
export function benchRole(aws: LocalAwsServer): string {
  return aws.ensureRole("BenchRole");
}

/** Creates a Node.js 22 function holding `source` as `index.mjs` and waits until it is Active. */
export async function deployFloorFunction(
  lambda: LambdaClient,
  roleArn: string,
  name: string,
  source: string,
): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: roleArn,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      MemorySize: FLOOR_MEMORY_MB,
      Timeout: 60,
      Code: { ZipFile: createZip([{ path: "index.mjs", data: source }]) },
    }),
  );
  await waitActive(lambda, name);
}

/** Polls GetFunctionConfiguration every 20 ms until the function is Active (at most 30 s). */
export async function waitActive(lambda: LambdaClient, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { State, StateReason } = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: name }),
    );
    if (State === "Active") return;
    if (State === "Failed") throw new Error(`function ${name} failed: ${StateReason}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`function ${name} not Active after 30 s`);
}

/** One synchronous Invoke whose JSON answer is returned; a function error is thrown. */
export async function invokeJson(lambda: LambdaClient, name: string, event: unknown): Promise<unknown> {
  const answer = await lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  const text = new TextDecoder().decode(answer.Payload);
  if (answer.FunctionError) throw new Error(`${answer.FunctionError}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** The invoke floor for one value: `n + 1` computed by the one-line function. */
export async function invokeFloor(lambda: LambdaClient, name: string, n: number): Promise<number> {
  const value = await invokeJson(lambda, name, { n });
  if (value !== n + 1) throw new Error(`invoke floor answered ${JSON.stringify(value)} for ${n}`);
  return value;
}
