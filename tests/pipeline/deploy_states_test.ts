import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { DeleteFunctionCommand, GetFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { match, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { RoleNotAssumable } from "../../mod.ts";
import { iamClient, lambdaClient, rejection } from "../support/aws_clients.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

const CREATE_FUNCTION = { service: "lambda", method: "POST", path: /^\/2015-03-31\/functions\/?$/ } as const;

function trustPolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** Waits for a condition that some other party makes true (a request arriving, a state). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await delay(5);
}

describe("deployFunction() and Lambda's states", () => {
  test("run() fails with RoleNotAssumable, with the fix, when the role's trust policy omits Lambda", async () => {
    await using bed = await startExecutorBed();
    const iam = iamClient(bed.aws);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "Ec2OnlyRole",
        AssumeRolePolicyDocument: trustPolicy("ec2.amazonaws.com"),
      }),
    );
    iam.destroy();
    const error = await rejection(bed.executorWith({ lambdaRoleName: "Ec2OnlyRole" }).run(() => 1, []));
    ok(error instanceof RoleNotAssumable, String(error));
    match(error.message, /aws iam update-assume-role-policy --role-name Ec2OnlyRole/);
    equal((await bed.functionNames()).length, 0);
  });

  test("run() waits out IAM's propagation of a role created a moment ago", async () => {
    await using bed = await startExecutorBed({}, { rolePropagationMs: 2500 });
    const iam = iamClient(bed.aws);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "BrandNewRole",
        AssumeRolePolicyDocument: trustPolicy("lambda.amazonaws.com"),
      }),
    );
    iam.destroy();
    const creates = bed.aws.faults.add({ ...CREATE_FUNCTION, delayMs: 0 });
    equal(await bed.executorWith({ lambdaRoleName: "BrandNewRole" }).run(() => "deployed", []), "deployed");
    ok(creates.hits >= 2, `CreateFunction was retried (${creates.hits} requests)`);
  });

  test("run() wakes an Inactive shared function, from a new executor and from the one that deployed it", async () => {
    await using bed = await startExecutorBed();
    const first = bed.executor();
    equal(await first.run(() => 1, []), 1);
    const [name] = await bed.functionNames();
    bed.aws.deactivateFunction(name);
    equal(await bed.executor().run(() => 2, []), 2, "a new executor wakes it while deploying");
    bed.aws.deactivateFunction(name);
    equal(
      await first.run(() => 3, []),
      3,
      "the deploying executor wakes it when Invoke says it is not ready",
    );
    const lambda = lambdaClient(bed.aws);
    const state = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    lambda.destroy();
    equal(state.State, "Active");
  });

  test("a new executor reusing the Active shared function reads its state once and creates nothing", async () => {
    await using bed = await startExecutorBed();
    equal(await bed.executor().run(() => 1, []), 1);
    bed.aws.resetRequestCounts();
    equal(await bed.executor().run(() => 2, []), 2);
    const lambda = bed.aws.requestCounts().lambda;
    equal(lambda.GetFunctionConfiguration, 1, JSON.stringify(lambda));
    equal(lambda.CreateFunction, undefined, JSON.stringify(lambda));
    equal(lambda.Invoke, 1, JSON.stringify(lambda));
  });

  test("run() creates the function again when it is deleted while it is still Pending", async () => {
    await using bed = await startExecutorBed({}, { pendingMs: 1500 });
    const creates = bed.aws.faults.add({ ...CREATE_FUNCTION, delayMs: 0 });
    const running = bed.executor().run(() => "survived", []);
    await until(() => creates.hits === 1 && bed.functionNames().then((names) => names.length === 1));
    const lambda = lambdaClient(bed.aws);
    const [name] = await bed.functionNames();
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    lambda.destroy();
    equal(await running, "survived");
    equal(creates.hits, 2);
  });
});
