import { CreateRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { type LambdaClient, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { strictEqual as equal } from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { createActiveFunction, createTestFunction, waitForUpdated } from "../support/lambda_functions.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";

const CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";

/** Creates a role with the given trust statement(s); returns its ARN. */
async function roleTrusting(iam: IAMClient, name: string, statement: unknown): Promise<string> {
  const { Role: role } = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statement }),
    }),
  );
  return role!.Arn!;
}

async function expectCannotAssume(call: Promise<unknown>): Promise<void> {
  const error = await rejection(call);
  equal(error.name, "InvalidParameterValueException");
  equal(error.message, CANNOT_ASSUME);
  equal(statusOf(error), 400);
}

describe("Lambda checks the execution role's trust policy", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  let iam: IAMClient;
  before(async () => ({ aws, lambda, iam } = await startLocalAwsFixture({ pendingMs: 20 })));
  after(() => aws.close());

  it("CreateFunction() refuses the role when its trust policy does not name lambda.amazonaws.com", async () => {
    const arn = await roleTrusting(iam, "ec2-only", {
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    await expectCannotAssume(createTestFunction(lambda, aws, "ec2-role-fn", { Role: arn }));
  });

  it("CreateFunction() refuses the role when a Deny statement or another action is all it has for Lambda", async () => {
    const denied = await roleTrusting(iam, "denied", [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      { Effect: "Deny", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
    ]);
    await expectCannotAssume(createTestFunction(lambda, aws, "denied-fn", { Role: denied }));
    const tagOnly = await roleTrusting(iam, "tag-only", {
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "sts:TagSession",
    });
    await expectCannotAssume(createTestFunction(lambda, aws, "tag-only-fn", { Role: tagOnly }));
  });

  it("CreateFunction() accepts the role when Service and Action are arrays that include Lambda and AssumeRole", async () => {
    const arn = await roleTrusting(iam, "arrays", [{
      Effect: "Allow",
      Principal: { Service: ["edgelambda.amazonaws.com", "lambda.amazonaws.com"] },
      Action: ["sts:TagSession", "sts:AssumeRole"],
    }]);
    const created = await createTestFunction(lambda, aws, "arrays-fn", { Role: arn });
    equal(created.Role, arn);
  });

  it("UpdateFunctionConfiguration() refuses a new role when Lambda may not assume it", async () => {
    await createActiveFunction(lambda, aws, "update-role-fn");
    const arn = await roleTrusting(iam, "ecs-only", {
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    await expectCannotAssume(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "update-role-fn", Role: arn })),
    );
    const trusted = await roleTrusting(iam, "trusted-later", {
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: "update-role-fn", Role: trusted }),
    );
    await waitForUpdated(lambda, "update-role-fn");
  });
});

describe("Lambda and IAM's propagation delay", () => {
  // Long enough that a loaded machine (the parallel suite) still asks within it.
  const PROPAGATION_MS = 4000;
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  let iam: IAMClient;
  before(
    async () => ({ aws, lambda, iam } = await startLocalAwsFixture({
      pendingMs: 20,
      rolePropagationMs: PROPAGATION_MS,
    })),
  );
  after(() => aws.close());

  const lambdaTrust = {
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: "sts:AssumeRole",
  };

  it("CreateFunction() refuses a role created less than rolePropagationMs ago, then accepts it", async () => {
    const arn = await roleTrusting(iam, "fresh", lambdaTrust);
    // The server stamped the role before its answer arrived: now is a bound from above, whatever
    // the load on the machine.
    const createdBy = Date.now();
    await expectCannotAssume(createTestFunction(lambda, aws, "fresh-fn", { Role: arn }));
    // A real, short timer: propagation is wall-clock time on the server.
    await sleep(Math.max(0, createdBy + PROPAGATION_MS - Date.now()) + 50);
    const created = await createTestFunction(lambda, aws, "fresh-fn", { Role: arn });
    equal(created.Role, arn);
  });

  it("UpdateFunctionConfiguration() refuses a role created less than rolePropagationMs ago", async () => {
    // Roles seeded with ensureRole count as long propagated.
    await createActiveFunction(lambda, aws, "seeded-role-fn");
    const arn = await roleTrusting(iam, "fresh-for-update", lambdaTrust);
    await expectCannotAssume(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "seeded-role-fn", Role: arn })),
    );
  });
});
