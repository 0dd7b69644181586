import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Deferred, Effect, Exit } from "effect";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import {
  awsApiLayer,
  type AwsServices,
  type Invocation,
  type InvocationFailure,
  poll,
  type StagedTask,
  TaskTimedOut,
} from "../../mod.ts";
import type { Layer } from "effect";
import type { S3Client } from "@aws-sdk/client-s3";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";

const bucket = "poll-bucket";
const staged: StagedTask = {
  taskId: "d/n",
  dispatchId: "d",
  nodeId: "n",
  runId: "r",
  bucket,
  taskKey: "covalent-awslambda/d/n-r/task.json",
  outcomeKey: "covalent-awslambda/d/n-r/outcome.json",
  localDir: "/nonexistent",
};

describe("poll()", () => {
  let aws: LocalAwsServer;
  let s3: S3Client;
  let layer: Layer.Layer<AwsServices, unknown>;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] }));
    layer = awsApiLayer({ region: aws.region, endpoint: aws.endpoint, credentials: aws.credentials });
  });
  after(async () => {
    s3.destroy();
    await aws.close();
  });

  /** Polls with an invocation whose answer never comes (a lost connection). */
  const pollSilently = (graceSeconds: number) =>
    Effect.gen(function* () {
      const answer = yield* Deferred.make<void, InvocationFailure>();
      const invocation: Invocation = { functionName: "f", answer };
      return yield* poll(invocation, staged, { timeoutSeconds: 1, pollFreqSeconds: 0.1, graceSeconds });
    }).pipe(Effect.provide(layer));

  test("poll() fails with TaskTimedOut when no answer and no outcome arrive within timeout and grace", async () => {
    const exit = await Effect.runPromiseExit(pollSilently(0.5));
    ok(Exit.isFailure(exit));
    const reason = exit.cause.reasons[0];
    ok(reason._tag === "Fail" && reason.error instanceof TaskTimedOut, String(exit.cause));
    equal(reason.error.timeoutSeconds, 1);
  });

  test("poll() finds the outcome in S3 when Lambda's answer is lost", async () => {
    setTimeout(() => {
      void s3.send(new PutObjectCommand({ Bucket: bucket, Key: staged.outcomeKey, Body: "{}" }));
    }, 300);
    const exit = await Effect.runPromiseExit(pollSilently(30));
    ok(Exit.isSuccess(exit), String(Exit.isFailure(exit) && exit.cause));
  });
});
