// Invoke end to end: functions run as real processes by the executor behind startLocalAws().
import {
  DeleteFunctionConcurrencyCommand,
  InvokeCommand,
  type LambdaClient,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  TooManyRequestsException,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";
import { createActiveFunction, moduleZip, waitForUpdated } from "../support/lambda_functions.ts";
import { attemptsRecorded, recordingFunction, waitForAttempts } from "../support/lambda_attempts.ts";

const decode = (bytes?: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("Lambda Invoke (end to end)", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50, maxAttempts: 1 })));
  after(() => aws.close());
  const outDir = tempDirForSuite("lambda-invoke-test");

  test("Invoke() answers 200 with the handler's JSON response and the invocation's request id", async () => {
    await createActiveFunction(lambda, aws, "sync-fn", {
      Code: {
        ZipFile: moduleZip(
          "export const handler = async (event, context) => ({ event, id: context.awsRequestId });\n",
        ),
      },
    });
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: "sync-fn", Payload: encode({ a: [1, 2] }) }),
    );
    equal(output.StatusCode, 200);
    equal(output.ExecutedVersion, "$LATEST");
    equal(output.FunctionError, undefined);
    deepEqual(decode(output.Payload), { event: { a: [1, 2] }, id: output.$metadata.requestId });
    const empty = await lambda.send(new InvokeCommand({ FunctionName: "sync-fn" }));
    deepEqual(decode(empty.Payload).event, {});
  });

  test("Invoke() with LogType Tail returns the end of the invocation's log", async () => {
    await createActiveFunction(lambda, aws, "tail-fn", {
      Code: {
        ZipFile: moduleZip("export const handler = async () => { console.log('hello-tail'); return 1; };\n"),
      },
    });
    const output = await lambda.send(new InvokeCommand({ FunctionName: "tail-fn", LogType: "Tail" }));
    const log = Buffer.from(output.LogResult ?? "", "base64").toString("utf8");
    ok(log.includes("hello-tail"), log);
    ok(log.includes(`END RequestId: ${output.$metadata.requestId}`), log);
    ok(log.includes(`REPORT RequestId: ${output.$metadata.requestId}`), log);
    ok(Buffer.from(output.LogResult ?? "", "base64").length <= 4096);
  });

  test("Invoke() reports a thrown error as 200 with FunctionError Unhandled and AWS's error JSON", async () => {
    await createActiveFunction(lambda, aws, "throw-fn", {
      Code: { ZipFile: moduleZip("export const handler = async () => { throw new Error('boom'); };\n") },
    });
    const output = await lambda.send(new InvokeCommand({ FunctionName: "throw-fn" }));
    equal(output.StatusCode, 200);
    equal(output.FunctionError, "Unhandled");
    const error = decode(output.Payload);
    equal(error.errorType, "Error");
    equal(error.errorMessage, "boom");
    ok(Array.isArray(error.trace));
  });

  test("Invoke() passes the decoded ClientContext to the function", async () => {
    await createActiveFunction(lambda, aws, "context-fn", {
      Code: {
        ZipFile: moduleZip("export const handler = async (event, context) => context.clientContext;\n"),
      },
    });
    const clientContext = { custom: { caller: "test" }, env: { locale: "en" } };
    const output = await lambda.send(
      new InvokeCommand({
        FunctionName: "context-fn",
        ClientContext: Buffer.from(JSON.stringify(clientContext)).toString("base64"),
      }),
    );
    deepEqual(decode(output.Payload), clientContext);
  });

  test("Invoke() turns a response over 6291556 bytes into Function.ResponseSizeTooLarge", async () => {
    await createActiveFunction(lambda, aws, "large-fn", {
      Code: { ZipFile: moduleZip("export const handler = async () => 'x'.repeat(6_291_600);\n") },
    });
    const output = await lambda.send(new InvokeCommand({ FunctionName: "large-fn" }));
    equal(output.FunctionError, "Unhandled");
    equal(decode(output.Payload).errorType, "Function.ResponseSizeTooLarge");
  });

  test("an Event invocation answers 202 and a failing function is retried twice with the same request id", async () => {
    const outFile = join(outDir, "retried.jsonl");
    await createActiveFunction(lambda, aws, "event-fn", recordingFunction(outFile));
    const output = await lambda.send(
      new InvokeCommand({
        FunctionName: "event-fn",
        InvocationType: "Event",
        Payload: encode({ fail: true }),
      }),
    );
    equal(output.StatusCode, 202);
    const attempts = await waitForAttempts(outFile, 3);
    equal(attempts.length, 3);
    ok(attempts.every((attempt) => attempt.requestId === output.$metadata.requestId));
    await new Promise((resolve) => setTimeout(resolve, 400));
    equal(attemptsRecorded(outFile).length, 3, "no retry after the second");
  });

  test("an Event invocation is not retried beyond MaximumRetryAttempts, nor after a success", async () => {
    const outFile = join(outDir, "once.jsonl");
    await createActiveFunction(lambda, aws, "event-once-fn", recordingFunction(outFile));
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: "event-once-fn", MaximumRetryAttempts: 0 }),
    );
    await lambda.send(
      new InvokeCommand({
        FunctionName: "event-once-fn",
        InvocationType: "Event",
        Payload: encode({ fail: true }),
      }),
    );
    await lambda.send(
      new InvokeCommand({
        FunctionName: "event-once-fn",
        InvocationType: "Event",
        Payload: encode({ fail: false }),
      }),
    );
    await waitForAttempts(outFile, 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    equal(attemptsRecorded(outFile).length, 2);
  });

  test("a throttled Event invocation is retried until the function may run", async () => {
    const outFile = join(outDir, "throttled.jsonl");
    await createActiveFunction(lambda, aws, "throttled-event-fn", recordingFunction(outFile));
    await lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: "throttled-event-fn",
        ReservedConcurrentExecutions: 0,
      }),
    );
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: "throttled-event-fn", InvocationType: "Event", Payload: encode({}) }),
    );
    equal(output.StatusCode, 202, "a throttled Event invocation is still accepted");
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(attemptsRecorded(outFile).length, 0);
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "throttled-event-fn" }));
    const attempts = await waitForAttempts(outFile, 1);
    equal(attempts[0].requestId, output.$metadata.requestId);
  });
});

describe("Lambda Invoke during an update and at the concurrency limit", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => {
    ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 600, concurrency: 1, maxAttempts: 1 }));
  });
  after(() => aws.close());

  test("invocations run the previous code while an update is InProgress, then the new code", async () => {
    await createActiveFunction(lambda, aws, "revision-fn", {
      Code: { ZipFile: moduleZip("export const handler = async () => 'v1';\n") },
    });
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "revision-fn",
        ZipFile: moduleZip("export const handler = async () => 'v2';\n"),
      }),
    );
    const during = await lambda.send(new InvokeCommand({ FunctionName: "revision-fn" }));
    equal(decode(during.Payload), "v1");
    await waitForUpdated(lambda, "revision-fn");
    const afterwards = await lambda.send(new InvokeCommand({ FunctionName: "revision-fn" }));
    equal(decode(afterwards.Payload), "v2");
  });

  test("a synchronous invocation beyond the account's concurrency gets 429 TooManyRequestsException", async () => {
    await createActiveFunction(lambda, aws, "slow-fn", {
      Code: {
        ZipFile: moduleZip(
          "export const handler = () => new Promise((r) => setTimeout(() => r('done'), 400));\n",
        ),
      },
    });
    const results = await Promise.allSettled([
      lambda.send(new InvokeCommand({ FunctionName: "slow-fn" })),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        lambda.send(new InvokeCommand({ FunctionName: "slow-fn" }))
      ),
    ]);
    equal(results[0].status, "fulfilled");
    equal(results[1].status, "rejected");
    const error = (results[1] as PromiseRejectedResult).reason;
    ok(error instanceof TooManyRequestsException);
    equal(error.Reason, "ConcurrentInvocationLimitExceeded");
  });
});
