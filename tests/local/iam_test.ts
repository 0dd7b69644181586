import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  NoSuchEntityException,
  paginateListRoles,
  waitUntilRoleExists,
} from "@aws-sdk/client-iam";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { LAMBDA_TRUST } from "../support/iam_requests.ts";

describe("local IAM roles", () => {
  let aws: LocalAwsServer;
  let iam: IAMClient;
  before(async () => ({ aws, iam } = await startLocalAwsFixture()));
  after(() => aws.close());

  test("CreateRole() returns the new role with an AROA id and an ARN that carries the path", async () => {
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: "created-role",
        Path: "/svc/",
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
        Description: "a <described> & tagged role",
        Tags: [{ Key: "team", Value: "covalent" }],
      }),
    );
    const role = out.Role!;
    equal(role.RoleName, "created-role");
    equal(role.Path, "/svc/");
    equal(role.Arn, "arn:aws:iam::000000000000:role/svc/created-role");
    match(role.RoleId!, /^AROA[A-Z0-9]{17}$/);
    ok(role.CreateDate instanceof Date && Math.abs(role.CreateDate.getTime() - Date.now()) < 5_000);
    equal(role.Description, "a <described> & tagged role");
    deepEqual(role.Tags, [{ Key: "team", Value: "covalent" }]);
    equal(role.MaxSessionDuration, undefined, "CreateRole does not return MaxSessionDuration");
    equal(typeof out.$metadata.requestId, "string");
  });

  test("CreateRole() accepts an empty Tags list, which the SDK sends as a bare Tags=", async () => {
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: "untagged",
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
        Tags: [],
      }),
    );
    equal(out.Role!.Tags, undefined);
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "untagged" }));
    equal(role!.Tags, undefined);
  });

  test("GetRole() returns the full role, with MaxSessionDuration and an empty RoleLastUsed", async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: "full-role",
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
        MaxSessionDuration: 7200,
        Tags: [{ Key: "k", Value: "v" }],
      }),
    );
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "full-role" }));
    equal(role!.Arn, "arn:aws:iam::000000000000:role/full-role");
    equal(role!.Path, "/");
    equal(role!.MaxSessionDuration, 7200);
    deepEqual(role!.Tags, [{ Key: "k", Value: "v" }]);
    deepEqual(role!.RoleLastUsed, {});
  });

  test("the trust policy comes back URL-encoded and exactly as sent", async () => {
    const document = JSON.stringify({ ...LAMBDA_TRUST, Id: "literal %3A + & <é>" }, null, 2);
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: "encoded-role", AssumeRolePolicyDocument: document }),
    );
    const { Role: fetched } = await iam.send(new GetRoleCommand({ RoleName: "encoded-role" }));
    for (const encoded of [created.Role!.AssumeRolePolicyDocument!, fetched!.AssumeRolePolicyDocument!]) {
      ok(encoded.startsWith("%7B"), `expected a URL-encoded document, got ${encoded.slice(0, 20)}`);
      equal(decodeURIComponent(encoded), document);
      deepEqual(JSON.parse(decodeURIComponent(encoded)).Id, "literal %3A + & <é>");
    }
  });

  test("GetRole() finds a role by its name in another case", async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: "MixedCase", AssumeRolePolicyDocument: '{"Statement":[]}' }),
    );
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "mixedcase" }));
    equal(role!.RoleName, "MixedCase");
  });

  test("DeleteRole() removes the role so GetRole() fails with NoSuchEntityException", async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: "doomed", AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST) }),
    );
    const out = await iam.send(new DeleteRoleCommand({ RoleName: "doomed" }));
    equal(out.$metadata.httpStatusCode, 200);
    const error = await rejection(iam.send(new GetRoleCommand({ RoleName: "doomed" })));
    ok(error instanceof NoSuchEntityException);
    equal(error.message, "The role with name doomed cannot be found.");
  });

  test("the default role CovalentLambdaExecutionRole trusts Lambda and has AWSLambdaExecute attached", async () => {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "CovalentLambdaExecutionRole" }));
    equal(role!.Arn, "arn:aws:iam::000000000000:role/CovalentLambdaExecutionRole");
    const trust = JSON.parse(decodeURIComponent(role!.AssumeRolePolicyDocument!));
    deepEqual(trust.Statement[0].Principal, { Service: "lambda.amazonaws.com" });
    equal(trust.Statement[0].Action, "sts:AssumeRole");
    const attached = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "CovalentLambdaExecutionRole" }),
    );
    deepEqual(attached.AttachedPolicies, [
      { PolicyName: "AWSLambdaExecute", PolicyArn: "arn:aws:iam::aws:policy/AWSLambdaExecute" },
    ]);
  });

  test("ListRoles() returns only roles under PathPrefix, with IsTruncated false and no Marker", async () => {
    for (const name of ["team-a", "team-b"]) {
      await iam.send(
        new CreateRoleCommand({
          RoleName: name,
          Path: "/teams/",
          AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
        }),
      );
    }
    const out = await iam.send(new ListRolesCommand({ PathPrefix: "/teams/" }));
    deepEqual(out.Roles!.map((role) => role.RoleName), ["team-a", "team-b"]);
    equal(out.Roles![0].MaxSessionDuration, 3600);
    equal(out.Roles![0].Tags, undefined);
    equal(out.IsTruncated, false);
    equal(out.Marker, undefined);
  });

  test("paginateListRoles() walks several pages once each", async () => {
    const names = Array.from({ length: 7 }, (_, i) => `paged-${i}`);
    for (const name of names) {
      await iam.send(
        new CreateRoleCommand({
          RoleName: name,
          Path: "/paged/",
          AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
        }),
      );
    }
    const pages = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 3 }, { PathPrefix: "/paged/" })) {
      pages.push(page);
      if (pages.length > 5) break;
    }
    deepEqual(pages.map((page) => page.Roles!.length), [3, 3, 1]);
    deepEqual(pages.map((page) => page.IsTruncated), [true, true, false]);
    deepEqual(pages.flatMap((page) => page.Roles!.map((role) => role.RoleName)), names);
  });

  test("waitUntilRoleExists() succeeds once the role is created", async () => {
    const waiting = waitUntilRoleExists({ client: iam, maxWaitTime: 10, minDelay: 1 }, {
      RoleName: "awaited",
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await iam.send(
      new CreateRoleCommand({ RoleName: "awaited", AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST) }),
    );
    const result = await waiting;
    equal(result.state, "SUCCESS");
  });
});
