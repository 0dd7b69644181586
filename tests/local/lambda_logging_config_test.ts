import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { deepStrictEqual, notStrictEqual, rejects, strictEqual } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import {
  createActiveFunction,
  createTestFunction,
  ECHO_SOURCE,
  moduleZip,
  waitForUpdated,
} from "../support/lambda_functions.ts";

describe("Lambda LoggingConfig and RevisionId as AWS keeps them", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50 })));
  after(() => aws.close());

  const configuration = (name: string) =>
    lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));

  test("readLoggingConfig() gives ApplicationLogLevel and SystemLogLevel INFO when the format is JSON without levels", async () => {
    const created = await createTestFunction(lambda, aws, "json-defaults", {
      LoggingConfig: { LogFormat: "JSON" },
    });
    deepStrictEqual(created.LoggingConfig, {
      LogFormat: "JSON",
      ApplicationLogLevel: "INFO",
      SystemLogLevel: "INFO",
      LogGroup: "/aws/lambda/json-defaults",
    });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "json-defaults" }));
    deepStrictEqual(got.Configuration?.LoggingConfig, created.LoggingConfig);
  });

  test("readLoggingConfig() keeps the levels asked for and merges a partial update", async () => {
    await createActiveFunction(lambda, aws, "json-levels", {
      LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "WARN", SystemLogLevel: "DEBUG" },
    });
    deepStrictEqual((await configuration("json-levels")).LoggingConfig, {
      LogFormat: "JSON",
      ApplicationLogLevel: "WARN",
      SystemLogLevel: "DEBUG",
      LogGroup: "/aws/lambda/json-levels",
    });
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "json-levels",
        LoggingConfig: { ApplicationLogLevel: "TRACE" },
      }),
    );
    deepStrictEqual(updated.LoggingConfig, {
      LogFormat: "JSON",
      ApplicationLogLevel: "TRACE",
      SystemLogLevel: "DEBUG",
      LogGroup: "/aws/lambda/json-levels",
    });
    await waitForUpdated(lambda, "json-levels");
  });

  test("readLoggingConfig() drops the levels when the format goes back to Text", async () => {
    await createActiveFunction(lambda, aws, "json-to-text", { LoggingConfig: { LogFormat: "JSON" } });
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "json-to-text",
        LoggingConfig: { LogFormat: "Text" },
      }),
    );
    deepStrictEqual(updated.LoggingConfig, { LogFormat: "Text", LogGroup: "/aws/lambda/json-to-text" });
    await waitForUpdated(lambda, "json-to-text");
  });

  test("readLoggingConfig() refuses a log level with the Text format with InvalidParameterValueException", async () => {
    await rejects(
      createTestFunction(lambda, aws, "text-with-level", {
        LoggingConfig: { LogFormat: "Text", ApplicationLogLevel: "DEBUG" },
      }),
      {
        name: "InvalidParameterValueException",
        message:
          'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.',
      },
    );
    await createActiveFunction(lambda, aws, "text-then-level");
    await rejects(
      lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: "text-then-level",
          LoggingConfig: { SystemLogLevel: "WARN" },
        }),
      ),
      { name: "InvalidParameterValueException" },
    );
  });

  test("readLoggingConfig() refuses a level outside the enum with ValidationException", async () => {
    await rejects(
      createTestFunction(lambda, aws, "bad-level", {
        // deno-lint-ignore no-explicit-any
        LoggingConfig: { LogFormat: "JSON", SystemLogLevel: "ERROR" as any },
      }),
      {
        name: "ValidationException",
        message: "1 validation error detected: Value 'ERROR' at 'loggingConfig.systemLogLevel' failed to " +
          "satisfy constraint: Member must satisfy enum value set: [DEBUG, INFO, WARN]",
      },
    );
  });

  test("beginUpdate() changes RevisionId when an update is accepted and again when it is Successful", async () => {
    for (
      const [name, update] of [
        [
          "revision-config",
          new UpdateFunctionConfigurationCommand({ FunctionName: "revision-config", Timeout: 9 }),
        ],
        [
          "revision-code",
          new UpdateFunctionCodeCommand({
            FunctionName: "revision-code",
            ZipFile: moduleZip(ECHO_SOURCE + "\n"),
          }),
        ],
      ] as const
    ) {
      await createActiveFunction(lambda, aws, name);
      const active = await configuration(name);
      // deno-lint-ignore no-explicit-any
      const accepted = await lambda.send(update as any) as { RevisionId?: string; LastUpdateStatus?: string };
      strictEqual(accepted.LastUpdateStatus, "InProgress");
      notStrictEqual(accepted.RevisionId, active.RevisionId);
      const meanwhile = await configuration(name);
      if (meanwhile.LastUpdateStatus === "InProgress") strictEqual(meanwhile.RevisionId, accepted.RevisionId);
      await waitForUpdated(lambda, name);
      const done = await configuration(name);
      strictEqual(done.LastUpdateStatus, "Successful");
      notStrictEqual(done.RevisionId, accepted.RevisionId);
      // The new RevisionId is the one a conditional update must name.
      await rejects(
        lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: name,
            RevisionId: accepted.RevisionId,
            Timeout: 4,
          }),
        ),
        { name: "PreconditionFailedException" },
      );
    }
  });
});
