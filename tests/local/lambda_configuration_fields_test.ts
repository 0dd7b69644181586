import { GetFunctionConfigurationCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createActiveFunction, createTestFunction, waitForActive } from "../support/lambda_functions.ts";

describe("Lambda FunctionConfiguration fields as AWS returns them", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50 })));
  after(() => aws.close());

  test("functionConfiguration() leaves Environment out when the function has no variables", async () => {
    const created = await createTestFunction(lambda, aws, "no-variables");
    equal("Environment" in created, false);
    await waitForActive(lambda, "no-variables");
    const got = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "no-variables" }));
    equal(got.Environment, undefined);
    await createActiveFunction(lambda, aws, "with-variables", { Environment: { Variables: { AB: "1" } } });
    const other = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "with-variables" }));
    deepEqual(other.Environment, { Variables: { AB: "1" } });
  });

  test("activateLater() gives the function a new RevisionId when it moves from Pending to Active", async () => {
    const created = await createTestFunction(lambda, aws, "revision-on-active");
    ok(created.RevisionId);
    await waitForActive(lambda, "revision-on-active");
    const active = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "revision-on-active" }),
    );
    equal(active.State, "Active");
    ok(active.RevisionId && active.RevisionId !== created.RevisionId, "a new RevisionId once Active");
  });
});
