import { CreateRoleCommand, GetRoleCommand, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import { deepStrictEqual as deepEqual, strictEqual as equal, throws } from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { createIamService } from "../../src/local/iam/iam_service.ts";
import { iamClient } from "../support/aws_clients.ts";
import { LAMBDA_TRUST } from "../support/iam_requests.ts";

describe("local IAM roles for Lambda", () => {
  let dataDir: string;
  let aws: LocalAwsServer;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "iam-roles-test-"));
    aws = await startLocalAws({ dataDir });
  });
  after(async () => {
    await aws.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test("ensureRole() creates a Lambda role once and returns its ARN", async () => {
    const arn = aws.ensureRole("EnsuredRole");
    equal(arn, "arn:aws:iam::000000000000:role/EnsuredRole");
    equal(aws.ensureRole("ensuredrole"), arn);
    const iam = iamClient(aws);
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "EnsuredRole" }));
    equal(role!.Arn, arn);
    deepEqual(JSON.parse(decodeURIComponent(role!.AssumeRolePolicyDocument!)).Statement[0].Principal, {
      Service: "lambda.amazonaws.com",
    });
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "EnsuredRole" }));
    equal(attached.AttachedPolicies!.length, 1);
  });

  test("ensureRole() refuses a name IAM would refuse", () => {
    throws(() => aws.ensureRole("not a name"), /Cannot create role "not a name"/);
  });

  test("roles.hasRole() accepts the ARN of an existing role, with its path, and nothing else", async () => {
    await iamClient(aws).send(
      new CreateRoleCommand({
        RoleName: "pathed",
        Path: "/svc/",
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
      }),
    );
    // A second service over the same data directory sees the roles the running one saved.
    const iam = createIamService({
      accountId: "000000000000",
      region: "us-east-1",
      credentials: aws.credentials,
      dataDir,
      endpoint: () => aws.endpoint,
    });
    const cases: Array<[string, boolean]> = [
      ["arn:aws:iam::000000000000:role/CovalentLambdaExecutionRole", true],
      ["arn:aws:iam::000000000000:role/EnsuredRole", true],
      ["arn:aws:iam::000000000000:role/svc/pathed", true],
      ["arn:aws:iam::000000000000:role/pathed", false],
      ["arn:aws:iam::123456789012:role/CovalentLambdaExecutionRole", false],
      ["arn:aws:iam::000000000000:role/missing", false],
      ["CovalentLambdaExecutionRole", false],
    ];
    for (const [arn, expected] of cases) equal(iam.roles.hasRole(arn), expected, arn);
    await iam.close();
  });
});
