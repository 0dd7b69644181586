/**
 * Deployment packages and functions for Lambda tests against local AWS.
 *
 * @module
 */
import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  type CreateFunctionCommandOutput,
  type LambdaClient,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { createZip } from "../../src/archive/zip_writer.ts";
import type { LocalAwsServer } from "../../local.ts";

/** A zip holding one ES module `index.mjs` with the given source. */
export function moduleZip(source: string): Uint8Array {
  return createZip([{ path: "index.mjs", data: source }]);
}

/** A handler that answers `{ echo: event }`. */
export const ECHO_SOURCE = "export const handler = async (event) => ({ echo: event });\n";

/** The execution role tests create functions with. */
export function testRole(aws: LocalAwsServer): string {
  return aws.ensureRole("lambda-test-role");
}

/** Creates a Node.js 22 function (echo handler unless `input` says otherwise). */
export function createTestFunction(
  lambda: LambdaClient,
  aws: LocalAwsServer,
  name: string,
  input: Partial<CreateFunctionCommandInput> = {},
): Promise<CreateFunctionCommandOutput> {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: testRole(aws),
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Code: { ZipFile: moduleZip(ECHO_SOURCE) },
      ...input,
    }),
  );
}

/** Creates a function and waits until it is Active. */
export async function createActiveFunction(
  lambda: LambdaClient,
  aws: LocalAwsServer,
  name: string,
  input: Partial<CreateFunctionCommandInput> = {},
): Promise<CreateFunctionCommandOutput> {
  const created = await createTestFunction(lambda, aws, name, input);
  await waitForActive(lambda, name);
  return created;
}

// The SDK's own waiters, polling every 20–200 ms instead of every few seconds.
const FAST_WAIT = { maxWaitTime: 20, minDelay: 0.02, maxDelay: 0.2 };

/** Waits until a function is Active, with the SDK's `waitUntilFunctionActiveV2`. */
export async function waitForActive(lambda: LambdaClient, name: string): Promise<void> {
  await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: name });
}

/** Waits until a function's last update is Successful, with the SDK's `waitUntilFunctionUpdatedV2`. */
export async function waitForUpdated(lambda: LambdaClient, name: string): Promise<void> {
  await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: name });
}
