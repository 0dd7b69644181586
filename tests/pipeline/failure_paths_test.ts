import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { Effect, Exit, Schedule } from "effect";
import {
  DeployError,
  InvokeError,
  LambdaExecutor,
  lambdaExecutorLayer,
  ResultDecodeError,
  RoleNotFound,
  StagingError,
  ThrottleRetryPolicy,
} from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("executor failure paths under injected faults", () => {
  let bed: ExecutorBed;
  before(async () => {
    bed = await startExecutorBed();
  });
  after(() => bed.close());
  beforeEach(() => bed.aws.faults.clear());

  /** A run whose argument is too large to travel inline, so it is spilled to S3. */
  const spilling = () =>
    bed.executorWith({ inlineLimit: 4096 }).run((s: string) => s.length, ["a".repeat(10_000)]);
  /** A run whose result is too large to travel back inline, so it is read from S3. */
  const spilledOutcome = () => bed.executorWith({ inlineLimit: 4096 }).run(() => "b".repeat(10_000), []);

  test("run() fails with StagingError naming s3:PutObject when S3 denies the upload", async () => {
    bed.aws.faults.add({
      service: "s3",
      method: "PUT",
      path: /args\.bin$/,
      error: { status: 403, code: "AccessDenied", message: "Access Denied" },
    });
    const error = await rejection(spilling());
    ok(error instanceof StagingError, String(error));
    match(error.message, /lack s3:PutObject/);
  });

  test("run() fails with StagingError that blames AWS, not permissions, when S3 keeps failing", async () => {
    bed.aws.faults.add({
      service: "s3",
      method: "PUT",
      path: /args\.bin$/,
      error: { status: 500, code: "InternalError" },
    });
    const error = await rejection(spilling());
    ok(error instanceof StagingError, String(error));
    match(error.message, /AWS failed internally: retry shortly/);
    ok(!/s3:PutObject|permission/.test(error.message), error.message);
  });

  test("run() fails with DeployError when Lambda refuses to create the function", async () => {
    bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /^\/2015-03-31\/functions\/?$/,
      error: { status: 400, code: "CodeStorageExceededException", message: "Code storage limit exceeded." },
    });
    // Settings of its own, so the function is new and must be created.
    const error = await rejection(bed.executorWith({ memorySize: 320 }).run(() => 1, []));
    ok(error instanceof DeployError, String(error));
    match(error.message, /Code storage limit exceeded/);
    deepEqual((await bed.objectKeys()).filter((key) => !key.endsWith("/outcome.bin")), []);
  });

  test("run() fails with InvokeError when the caller may not invoke", async () => {
    bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      error: {
        status: 403,
        code: "AccessDeniedException",
        message: "not authorized to perform lambda:InvokeFunction",
      },
    });
    const error = await rejection(bed.executor().run(() => 1, []));
    ok(error instanceof InvokeError, String(error));
    match(error.message, /lambda:InvokeFunction/);
  });

  test("run() retries a throttled invocation itself (the SDK never re-sends Invoke), then succeeds", async () => {
    const throttle = bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      times: 3,
      error: { status: 429, code: "TooManyRequestsException", message: "Rate Exceeded." },
    });
    equal(await bed.executor().run((n: number) => n + 1, [41]), 42);
    equal(throttle.hits, 3, "three throttled invocations before the one that ran");
  });

  test("run() fails with ResultDecodeError when the outcome in S3 is not an outcome", async () => {
    bed.aws.faults.add({
      service: "s3",
      method: "GET",
      path: /outcome\.bin$/,
      response: { status: 200, body: "{}" },
    });
    const error = await rejection(spilledOutcome());
    ok(error instanceof ResultDecodeError, String(error));
    match(error.message, /it cannot be decoded/);
  });

  test("run() fails with RoleNotFound saying how to avoid the lookup when IAM GetRole is denied", async () => {
    bed.aws.faults.add({
      service: "iam",
      error: { status: 403, code: "AccessDenied", message: "not authorized to perform: iam:GetRole" },
    });
    const error = await rejection(bed.executor().run(() => 1, []));
    ok(error instanceof RoleNotFound, String(error));
    match(error.message, /lack iam:GetRole\. Grant it, or set lambda_role_name to the role's full ARN/);
  });

  test("run() fails with DeployError, not RoleNotFound, when IAM fails internally", async () => {
    bed.aws.faults.add({ service: "iam", error: { status: 500, code: "ServiceFailure", message: "boom" } });
    const error = await rejection(bed.executor().run(() => 1, []));
    ok(error instanceof DeployError, String(error));
    equal(error.step, "role");
    match(error.message, /reading the execution role failed: .*AWS failed internally: retry shortly/);
  });

  test("run() fails with ResultDecodeError naming s3:GetObject when S3 denies reading the outcome", async () => {
    bed.aws.faults.add({
      service: "s3",
      path: /outcome\.bin$/,
      method: "GET",
      error: { status: 403, code: "AccessDenied", message: "Access Denied" },
    });
    const error = await rejection(spilledOutcome());
    ok(error instanceof ResultDecodeError, String(error));
    match(error.message, /lack s3:GetObject/);
    ok(
      (await bed.objectKeys()).some((key) => key.endsWith("/outcome.bin")),
      "an outcome that could not be read is left for inspection",
    );
  });

  test("LambdaExecutor.run() fails with Throttled once the ThrottleRetryPolicy gives up", async () => {
    const throttle = bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      error: { status: 429, code: "TooManyRequestsException", message: "Rate Exceeded." },
    });
    const program = LambdaExecutor.use((lambda) => lambda.run(() => 1, [])).pipe(
      Effect.provideService(ThrottleRetryPolicy, Schedule.recurs(1)),
      Effect.provide(lambdaExecutorLayer(bed.options)),
    );
    const exit = await Effect.runPromiseExit(program);
    ok(Exit.isFailure(exit));
    const reason = exit.cause.reasons[0];
    ok(reason._tag === "Fail" && reason.error._tag === "Throttled", String(exit.cause));
    match(reason.error.message, /Run fewer tasks at once/);
    equal(throttle.hits, 2, "one invocation and one retry, each a single request");
    equal(reason.error.attempts, 2, "attempts counts the requests really made");
    // (The outcome left by the unreadable-outcome case above is expected.)
    deepEqual((await bed.objectKeys()).filter((key) => !key.endsWith("/outcome.bin")), []);
  });
});
