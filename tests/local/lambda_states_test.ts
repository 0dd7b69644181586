import {
  GetFunctionCommand,
  InvokeCommand,
  type LambdaClient,
  ResourceConflictException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createTestFunction, moduleZip } from "../support/lambda_functions.ts";

// Long enough for the calls right after a create or update to land inside the window.
const PENDING_MS = 800;
const WAIT = { maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 };

describe("Lambda function states (Pending, update InProgress)", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: PENDING_MS })));
  after(() => aws.close());

  test("a Pending function refuses Invoke and updates until waitUntilFunctionActiveV2 sees it Active", async () => {
    const started = Date.now();
    await createTestFunction(lambda, aws, "pending-fn");
    const pendingMessage =
      "The operation cannot be performed at this time. The function is currently in the following state: Pending";
    const invoked = await rejection(lambda.send(new InvokeCommand({ FunctionName: "pending-fn" })));
    ok(invoked instanceof ResourceConflictException);
    equal(invoked.message, pendingMessage);
    equal(statusOf(invoked), 409);
    const updated = await rejection(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "pending-fn", Timeout: 9 })),
    );
    ok(updated instanceof ResourceConflictException);
    equal(updated.message, pendingMessage);
    const pending = await lambda.send(new GetFunctionCommand({ FunctionName: "pending-fn" }));
    equal(pending.Configuration?.State, "Pending");
    equal(pending.Configuration?.StateReasonCode, "Creating");

    const waited = await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, {
      FunctionName: "pending-fn",
    });
    equal(waited.state, "SUCCESS");
    ok(Date.now() - started >= PENDING_MS - 50, "Active only after pendingMs");
    const active = await lambda.send(new GetFunctionCommand({ FunctionName: "pending-fn" }));
    equal(active.Configuration?.State, "Active");
    equal(active.Configuration?.LastUpdateStatus, "Successful");
  });

  test("a second update while one is InProgress is refused until waitUntilFunctionUpdatedV2 succeeds", async () => {
    await createTestFunction(lambda, aws, "updating-fn");
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: "updating-fn" });
    const first = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "updating-fn", Timeout: 7 }),
    );
    equal(first.LastUpdateStatus, "InProgress");
    equal(first.LastUpdateStatusReason, "The function is being created.");
    equal(first.Timeout, 7);
    const second = await rejection(
      lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: "updating-fn",
          ZipFile: moduleZip("export const handler = 1;"),
        }),
      ),
    );
    ok(second instanceof ResourceConflictException);
    equal(
      second.message,
      `The operation cannot be performed at this time. An update is in progress for resource: ${first.FunctionArn}`,
    );
    const inProgress = await lambda.send(new GetFunctionCommand({ FunctionName: "updating-fn" }));
    equal(inProgress.Configuration?.State, "Active");
    equal(inProgress.Configuration?.LastUpdateStatus, "InProgress");

    const waited = await waitUntilFunctionUpdatedV2({ client: lambda, ...WAIT }, {
      FunctionName: "updating-fn",
    });
    equal(waited.state, "SUCCESS");
    const done = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "updating-fn", Timeout: 8 }),
    );
    equal(done.LastUpdateStatus, "InProgress");
  });
});
