import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  type AWSLambdaExecutor,
  BucketNotFound,
  CredentialsError,
  RoleNotFound,
  runOnLambda,
  TaskEncodingError,
  TaskFailed,
  TaskTimedOut,
} from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("executor failures", () => {
  let bed: ExecutorBed;
  let executor: AWSLambdaExecutor;
  before(async () => {
    bed = await startExecutorBed({ timeout: 2 });
    executor = bed.executor();
  });
  after(() => bed.close());

  test("run() refuses a closure before uploading anything, naming the captured variable", async () => {
    const limit = 3;
    const error = await rejection(executor.run((n: number) => n < limit, [1]));
    ok(error instanceof TaskEncodingError);
    match(error.message, /`limit`/);
    deepEqual(await bed.objectKeys(), []);
  });

  test("run() refuses an argument that cannot travel, naming its path", async () => {
    const error = await rejection(executor.run((x: unknown) => x, [{ callback: () => 1 }]));
    ok(error instanceof TaskEncodingError);
    equal(error.path, "args[0].callback");
    deepEqual(await bed.objectKeys(), []);
  });

  test("run() fails with TaskFailed carrying the remote stack and stdout when the task throws", async () => {
    const error = await rejection(executor.run(() => {
      console.log("about to fail");
      console.error("on stderr");
      throw new RangeError("remote boom");
    }, []));
    ok(error instanceof TaskFailed, String(error));
    equal(error.remoteName, "RangeError");
    equal(error.remoteMessage, "remote boom");
    match(error.remoteStack ?? "", /RangeError: remote boom/);
    match(error.stdout, /about to fail/);
    match(error.stderr, /on stderr/);
  });

  test("run() fails with TaskTimedOut within seconds when the task outlives the function timeout", async () => {
    const started = Date.now();
    const error = await rejection(
      executor.run(() => new Promise((resolve) => setTimeout(resolve, 20_000)), []),
    );
    ok(error instanceof TaskTimedOut, String(error));
    equal(error.timeoutSeconds, 2);
    match(error.logTail, /REPORT RequestId: .*\tStatus: timeout/);
    ok(Date.now() - started < 8_000, `took ${Date.now() - started} ms`);
  });

  test("run() reports a crash of the function process as TaskFailed with the log tail", async () => {
    const error = await rejection(executor.run(() => {
      console.log("crashing now");
      process.exit(7);
    }, []));
    ok(error instanceof TaskFailed, String(error));
    match(error.remoteName, /^Runtime\./);
    match(error.logTail, /crashing now/);
  });

  test("runOnLambda() fails with BucketNotFound and the command to create it when the bucket is missing", async () => {
    const error = await rejection(
      runOnLambda(() => 1, [], { ...bed.options, s3BucketName: "no-such-bucket" }),
    );
    ok(error instanceof BucketNotFound, String(error));
    match(error.message, /aws s3api create-bucket --bucket no-such-bucket/);
  });

  test("runOnLambda() fails with RoleNotFound and the policy it needs when the role is missing", async () => {
    const error = await rejection(runOnLambda(() => 1, [], { ...bed.options, lambdaRoleName: "NoSuchRole" }));
    ok(error instanceof RoleNotFound, String(error));
    match(error.message, /lambda\.amazonaws\.com/);
    deepEqual(await bed.objectKeys(), [], "the staged task was removed");
  });

  test("runOnLambda() fails with CredentialsError before uploading when the profile is missing", async () => {
    const file = join(bed.aws.dataDir, "empty-credentials");
    writeFileSync(file, "[other]\naws_access_key_id = a\naws_secret_access_key = b\n");
    const error = await rejection(
      runOnLambda(() => 1, [], { ...bed.options, credentials: file, profile: "absent" }),
    );
    ok(error instanceof CredentialsError, String(error));
    match(error.message, /profile "absent"/);
    deepEqual(await bed.objectKeys(), []);
  });
});
