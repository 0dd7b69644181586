import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Deferred, Effect, Exit } from "effect";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import {
  AwsClients,
  type Invocation,
  type InvocationFailure,
  poll,
  type StagedTask,
  TaskTimedOut,
} from "../../mod.ts";
import { makeAwsClients } from "../../src/aws/aws_clients.ts";
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
  let clients: AwsClients;
  before(async () => {
    ({ aws } = await startLocalAwsFixture({ buckets: [bucket] }));
    clients = makeAwsClients(aws.region, aws.credentials, aws.endpoint);
  });
  after(async () => {
    clients.s3.destroy();
    await aws.close();
  });

  /** Polls with an invocation whose answer never comes (a lost connection). */
  const pollSilently = (graceSeconds: number) =>
    Effect.gen(function* () {
      const answer = yield* Deferred.make<void, InvocationFailure>();
      const invocation: Invocation = { functionName: "f", answer };
      return yield* poll(invocation, staged, { timeoutSeconds: 1, pollFreqSeconds: 0.1, graceSeconds });
    }).pipe(Effect.provideService(AwsClients, clients));

  test("poll() fails with TaskTimedOut when no answer and no outcome arrive within timeout and grace", async () => {
    const exit = await Effect.runPromiseExit(pollSilently(0.5));
    ok(Exit.isFailure(exit));
    const reason = exit.cause.reasons[0];
    ok(reason._tag === "Fail" && reason.error instanceof TaskTimedOut, String(exit.cause));
    equal(reason.error.timeoutSeconds, 1);
  });

  test("poll() finds the outcome in S3 when Lambda's answer is lost", async () => {
    setTimeout(() => {
      void clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: staged.outcomeKey, Body: "{}" }));
    }, 300);
    const exit = await Effect.runPromiseExit(pollSilently(30));
    ok(Exit.isSuccess(exit), String(Exit.isFailure(exit) && exit.cause));
  });
});
