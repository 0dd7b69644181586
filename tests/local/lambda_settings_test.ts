import {
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  InvalidParameterValueException,
  type LambdaClient,
  ListFunctionEventInvokeConfigsCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  ResourceNotFoundException,
  UpdateFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createTestFunction } from "../support/lambda_functions.ts";

describe("Lambda event invoke config, concurrency and account settings", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50, concurrency: 8 })));
  after(() => aws.close());

  test("PutFunctionEventInvokeConfig() stores settings that Get returns and Update merges", async () => {
    const created = await createTestFunction(lambda, aws, "eic-fn");
    const put = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic-fn", MaximumRetryAttempts: 0 }),
    );
    equal(put.FunctionArn, `${created.FunctionArn}:$LATEST`);
    equal(put.MaximumRetryAttempts, 0);
    equal(put.MaximumEventAgeInSeconds, undefined);
    ok(put.LastModified instanceof Date);
    ok(Math.abs((put.LastModified?.getTime() ?? 0) - Date.now()) < 60_000);
    deepEqual(put.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
    const merged = await lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({ FunctionName: "eic-fn", MaximumEventAgeInSeconds: 120 }),
    );
    equal(merged.MaximumRetryAttempts, 0);
    equal(merged.MaximumEventAgeInSeconds, 120);
    const got = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "eic-fn" }));
    equal(got.MaximumEventAgeInSeconds, 120);
    const listed = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "eic-fn" }));
    deepEqual(listed.FunctionEventInvokeConfigs?.map((config) => config.MaximumRetryAttempts), [0]);
    const replaced = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic-fn", MaximumEventAgeInSeconds: 60 }),
    );
    equal(replaced.MaximumRetryAttempts, undefined, "Put replaces the whole configuration");
  });

  test("PutFunctionEventInvokeConfig() refuses values out of range and an empty configuration", async () => {
    await createTestFunction(lambda, aws, "eic-bad-fn");
    const retries = await rejection(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic-bad-fn", MaximumRetryAttempts: 3 }),
      ),
    );
    equal(retries.name, "ValidationException");
    equal(
      retries.message,
      "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
    );
    const age = await rejection(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic-bad-fn", MaximumEventAgeInSeconds: 59 }),
      ),
    );
    equal(age.name, "ValidationException");
    const empty = await rejection(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic-bad-fn" })),
    );
    ok(empty instanceof InvalidParameterValueException);
    equal(empty.message, "You must specify at least one of error handling or destination setting.");
  });

  test("Get/DeleteFunctionEventInvokeConfig() answer ResourceNotFoundException when none is set", async () => {
    const created = await createTestFunction(lambda, aws, "eic-none-fn");
    const missing = await rejection(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "eic-none-fn" })),
    );
    ok(missing instanceof ResourceNotFoundException);
    equal(missing.message, `The function ${created.FunctionArn}:$LATEST doesn't have an EventInvokeConfig`);
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic-none-fn", MaximumRetryAttempts: 1 }),
    );
    const deleted = await lambda.send(
      new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "eic-none-fn" }),
    );
    equal(deleted.$metadata.httpStatusCode, 204);
    const again = await rejection(
      lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "eic-none-fn" })),
    );
    ok(again instanceof ResourceNotFoundException);
  });

  test("PutFunctionConcurrency() reserves concurrency that Get and GetFunction report", async () => {
    await createTestFunction(lambda, aws, "reserved-fn");
    deepEqual(
      (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "reserved-fn" })))
        .ReservedConcurrentExecutions,
      undefined,
    );
    const put = await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: "reserved-fn", ReservedConcurrentExecutions: 3 }),
    );
    equal(put.ReservedConcurrentExecutions, 3);
    const got = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "reserved-fn" }));
    equal(got.ReservedConcurrentExecutions, 3);
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: "reserved-fn" }));
    equal(fn.Concurrency?.ReservedConcurrentExecutions, 3);
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 5);
    const tooMuch = await rejection(
      lambda.send(
        new PutFunctionConcurrencyCommand({ FunctionName: "reserved-fn", ReservedConcurrentExecutions: 9 }),
      ),
    );
    ok(tooMuch instanceof InvalidParameterValueException);
    const deleted = await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "reserved-fn" }));
    equal(deleted.$metadata.httpStatusCode, 204);
    equal(
      (await lambda.send(new GetFunctionCommand({ FunctionName: "reserved-fn" }))).Concurrency,
      undefined,
    );
  });

  test("GetAccountSettings() reports the configured concurrency and the account's usage", async () => {
    const before = await lambda.send(new GetAccountSettingsCommand({}));
    equal(before.AccountLimit?.ConcurrentExecutions, 8);
    equal(before.AccountLimit?.CodeSizeZipped, 52428800);
    equal(before.AccountLimit?.CodeSizeUnzipped, 262144000);
    const created = await createTestFunction(lambda, aws, "usage-fn");
    const after = await lambda.send(new GetAccountSettingsCommand({}));
    equal(after.AccountUsage?.FunctionCount, (before.AccountUsage?.FunctionCount ?? 0) + 1);
    equal(
      after.AccountUsage?.TotalCodeSize,
      (before.AccountUsage?.TotalCodeSize ?? 0) + (created.CodeSize ?? 0),
    );
    equal(statusOf(after as unknown as Record<string, unknown>), 200);
  });
});
