import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type LambdaClient,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { strictEqual as equal, throws } from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import {
  createActiveFunction,
  createTestFunction,
  moduleZip,
  waitForActive,
  waitForUpdated,
} from "../support/lambda_functions.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";

/** A handler that appends a line to the file the event names, so a test can count runs. */
const COUNTING_SOURCE = `import { appendFileSync } from "node:fs";
export const handler = async (event) => { appendFileSync(event.marker, "ran\\n"); return "ran"; };
`;

const PENDING_MESSAGE = "ERROR: Lambda is initializing your function. It will be ready to invoke shortly.";

describe("Inactive functions", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  let markers: string;
  before(async () => {
    ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 200, maxAttempts: 1 }));
    markers = await mkdtemp(join(tmpdir(), "inactive-test-"));
  });
  after(async () => {
    await aws.close();
    await rm(markers, { recursive: true, force: true });
  });

  const configuration = (name: string) =>
    lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const invoke = (name: string, marker: string, type?: "DryRun") =>
    lambda.send(
      new InvokeCommand({
        FunctionName: name,
        Payload: new TextEncoder().encode(JSON.stringify({ marker })),
        ...(type ? { InvocationType: type } : {}),
      }),
    );

  it("deactivateFunction() shows the function Inactive with StateReasonCode Idle", async () => {
    await createActiveFunction(lambda, aws, "idle-fn");
    aws.deactivateFunction("idle-fn");
    const config = await configuration("idle-fn");
    equal(config.State, "Inactive");
    equal(config.StateReasonCode, "Idle");
    equal(config.StateReason, "The function is currently idle.");
    equal(
      (await lambda.send(new GetFunctionCommand({ FunctionName: "idle-fn" }))).Configuration?.State,
      "Inactive",
    );
  });

  it("Invoke() fails with 409 CodeArtifactUserPendingException without running the function when it is Inactive, and wakes it", async () => {
    const marker = join(markers, "wake");
    await createActiveFunction(lambda, aws, "wake-fn", { Code: { ZipFile: moduleZip(COUNTING_SOURCE) } });
    aws.deactivateFunction("wake-fn");
    const error = await rejection(invoke("wake-fn", marker));
    equal(error.name, "CodeArtifactUserPendingException");
    equal(error.message, PENDING_MESSAGE);
    equal(error.$fault, "client");
    equal(statusOf(error), 409);
    const restoring = await configuration("wake-fn");
    equal(restoring.State, "Pending");
    equal(restoring.StateReasonCode, "Restoring");
    // Invoking again while it is restoring fails the same way.
    equal((await rejection(invoke("wake-fn", marker))).name, "CodeArtifactUserPendingException");
    await waitForActive(lambda, "wake-fn");
    const active = await configuration("wake-fn");
    equal(active.State, "Active");
    equal(active.StateReasonCode, undefined);
    const out = await invoke("wake-fn", marker);
    equal(new TextDecoder().decode(out.Payload), '"ran"');
    equal(await readFile(marker, "utf8"), "ran\n", "only the invocation after the wake ran");
  });

  // U: AWS's answer to a DryRun of an Inactive function is not documented; local AWS treats it
  // as an invocation (it fails and wakes the function).
  it("Invoke() with DryRun fails and wakes the function when it is Inactive", async () => {
    await createActiveFunction(lambda, aws, "dry-fn");
    aws.deactivateFunction("dry-fn");
    equal(
      (await rejection(invoke("dry-fn", join(markers, "dry"), "DryRun"))).name,
      "CodeArtifactUserPendingException",
    );
    equal((await configuration("dry-fn")).State, "Pending");
    await waitForActive(lambda, "dry-fn");
    equal((await invoke("dry-fn", join(markers, "dry"), "DryRun")).StatusCode, 204);
  });

  it("UpdateFunctionConfiguration() brings an Inactive function back Active when the update finishes", async () => {
    await createActiveFunction(lambda, aws, "redeploy-fn");
    aws.deactivateFunction("redeploy-fn");
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "redeploy-fn", Timeout: 10 }));
    await waitForUpdated(lambda, "redeploy-fn");
    const config = await configuration("redeploy-fn");
    equal(config.State, "Active");
    equal(config.Timeout, 10);
  });

  it("deactivateFunction() throws when the function is missing or not Active", async () => {
    throws(
      () => aws.deactivateFunction("no-such-fn"),
      /Cannot deactivate function "no-such-fn": it does not exist/,
    );
    await createTestFunction(lambda, aws, "pending-fn");
    throws(() => aws.deactivateFunction("pending-fn"), /it is Pending/);
  });
});
