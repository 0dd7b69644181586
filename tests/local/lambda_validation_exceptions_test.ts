import {
  InvalidParameterValueException,
  type LambdaClient,
  LambdaServiceException,
  UpdateFunctionConfigurationCommand,
  type UpdateFunctionConfigurationCommandInput,
} from "@aws-sdk/client-lambda";
import { ok, strictEqual } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createActiveFunction, createTestFunction } from "../support/lambda_functions.ts";

const ENV_KEY_MESSAGE =
  "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: " +
  "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]";
const RESERVED_PREFIX = "Lambda was unable to configure your environment variables because the environment " +
  "variables you have provided contains reserved keys that are currently not supported for modification. " +
  "Reserved keys used in this request: ";
// AWS's answer of 2026-01-12 (S: LS-snap test_create_lambda_exceptions), plus the newer ruby4.0.
const RUNTIME_MESSAGE =
  "Value nodejs99.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value " +
  "set: [nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, " +
  "python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, " +
  "dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2, ruby4.0] or be a valid ARN";

describe("Lambda validation exception types", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => {
    ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50, maxAttempts: 1 }));
    await createActiveFunction(lambda, aws, "target-fn");
  });
  after(() => aws.close());

  const update = (input: Partial<UpdateFunctionConfigurationCommandInput>) =>
    rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "target-fn", ...input })));

  function assertValidation(error: Error & Record<string, unknown>, message: string): void {
    ok(error instanceof LambdaServiceException, String(error));
    ok(!(error instanceof InvalidParameterValueException));
    strictEqual(error.name, "ValidationException");
    strictEqual(error.message, message);
    strictEqual(statusOf(error), 400);
  }

  test("CreateFunction answers ValidationException without the key when an environment key breaks the pattern", async () => {
    const error = await rejection(
      createTestFunction(lambda, aws, "bad-key-fn", { Environment: { Variables: { "1BAD": "x" } } }),
    );
    assertValidation(error, ENV_KEY_MESSAGE);
  });

  test("UpdateFunctionConfiguration answers ValidationException when an environment key has one letter", async () => {
    assertValidation(await update({ Environment: { Variables: { A: "x" } } }), ENV_KEY_MESSAGE);
  });

  test("UpdateFunctionConfiguration answers ValidationException when MemorySize is 100", async () => {
    assertValidation(
      await update({ MemorySize: 100 }),
      "1 validation error detected: Value '100' at 'memorySize' failed to satisfy constraint: " +
        "Member must have value greater than or equal to 128",
    );
  });

  test("UpdateFunctionConfiguration answers ValidationException when Timeout is 0", async () => {
    assertValidation(
      await update({ Timeout: 0 }),
      "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: " +
        "Member must have value greater than or equal to 1",
    );
  });

  test("UpdateFunctionConfiguration answers ValidationException when EphemeralStorage is above 10240", async () => {
    assertValidation(
      await update({ EphemeralStorage: { Size: 10241 } }),
      "1 validation error detected: Value '10241' at 'ephemeralStorage.size' failed to satisfy constraint: " +
        "Member must have value less than or equal to 10240",
    );
  });

  test("UpdateFunctionConfiguration names every violation in one ValidationException when several members break", async () => {
    assertValidation(
      await update({ Timeout: 0, Environment: { Variables: { "bad-key": "x" } } }),
      "2 validation errors detected: Value '0' at 'timeout' failed to satisfy constraint: " +
        "Member must have value greater than or equal to 1; Value at 'environment.variables' failed to satisfy " +
        "constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: " +
        "[a-zA-Z]([a-zA-Z0-9_])+]",
    );
  });

  test("UpdateFunctionConfiguration answers InvalidParameterValueException when a reserved key is set", async () => {
    const error = await update({ Environment: { Variables: { STAGE: "x", AWS_REGION: "eu-west-1" } } });
    ok(error instanceof InvalidParameterValueException, String(error));
    strictEqual(error.message, `${RESERVED_PREFIX}AWS_REGION`);
    strictEqual(statusOf(error), 400);
  });

  test("UpdateFunctionConfiguration answers InvalidParameterValueException in AWS's order when the runtime is unknown", async () => {
    const error = await update({ Runtime: "nodejs99.x" as never });
    ok(error instanceof InvalidParameterValueException, String(error));
    strictEqual(error.message, RUNTIME_MESSAGE);
    strictEqual(statusOf(error), 400);
  });

  test("UpdateFunctionConfiguration accepts unreserved AWS variables such as PATH and NODE_PATH", async () => {
    const output = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "target-fn",
        Environment: { Variables: { PATH: "/bin", NODE_PATH: "/x", LD_LIBRARY_PATH: "/y", TZ: "UTC" } },
      }),
    );
    strictEqual(output.Environment?.Variables?.NODE_PATH, "/x");
  });
});
