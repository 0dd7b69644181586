import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { DeployError, InvokeError, ResultDecodeError, StagingError } from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("executor failure paths under injected faults", () => {
  let bed: ExecutorBed;
  before(async () => {
    bed = await startExecutorBed();
  });
  after(() => bed.close());
  beforeEach(() => bed.aws.faults.clear());

  test("run() fails with StagingError when S3 keeps refusing the upload", async () => {
    bed.aws.faults.add({
      service: "s3",
      method: "PUT",
      path: /task\.json$/,
      error: { status: 500, code: "InternalError" },
    });
    const error = await rejection(bed.executor().run(() => 1, []));
    ok(error instanceof StagingError, String(error));
    match(error.message, /s3:PutObject/);
  });

  test("run() fails with DeployError when Lambda refuses to create the function", async () => {
    bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /^\/2015-03-31\/functions\/?$/,
      error: { status: 400, code: "CodeStorageExceededException", message: "Code storage limit exceeded." },
    });
    const error = await rejection(bed.executor().run(() => 1, []));
    ok(error instanceof DeployError, String(error));
    match(error.message, /Code storage limit exceeded/);
    deepEqual(await bed.objectKeys(), [], "the staged task was removed");
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

  test("run() retries a throttled invocation after the SDK gives up, and then succeeds", async () => {
    const throttle = bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      times: 3,
      error: { status: 429, code: "TooManyRequestsException", message: "Rate Exceeded." },
    });
    equal(await bed.executor().run((n: number) => n + 1, [41]), 42);
    equal(throttle.hits, 3, "the SDK's three attempts were throttled before the executor's own retry");
  });

  test("run() fails with ResultDecodeError when the outcome in S3 is not an outcome", async () => {
    bed.aws.faults.add({
      service: "s3",
      method: "GET",
      path: /outcome\.json$/,
      response: { status: 200, body: "{}" },
    });
    const error = await rejection(bed.executor().run(() => 1, []));
    ok(error instanceof ResultDecodeError, String(error));
    match(error.message, /unknown outcome format/);
  });
});
