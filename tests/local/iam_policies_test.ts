import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  paginateListAttachedRolePolicies,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { LAMBDA_TRUST, S3_READ_POLICY } from "../support/iam_requests.ts";

const BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const EXECUTE = "arn:aws:iam::aws:policy/AWSLambdaExecute";
const ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaRole";

describe("local IAM role policies", () => {
  let aws: LocalAwsServer;
  let iam: IAMClient;
  before(async () => ({ aws, iam } = await startLocalAwsFixture()));
  after(() => aws.close());

  async function createRole(name: string): Promise<void> {
    await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST) }),
    );
  }

  test("AttachRolePolicy() attaches AWS Lambda policies and ListAttachedRolePolicies() lists them", async () => {
    await createRole("attached");
    for (const arn of [BASIC, EXECUTE, ROLE, BASIC]) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: "attached", PolicyArn: arn }));
    }
    const out = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "attached" }));
    deepEqual(out.AttachedPolicies, [
      { PolicyName: "AWSLambdaExecute", PolicyArn: EXECUTE },
      { PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn: BASIC },
      { PolicyName: "AWSLambdaRole", PolicyArn: ROLE },
    ]);
    equal(out.IsTruncated, false);
    equal(out.Marker, undefined);
    const serviceRoles = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "attached", PathPrefix: "/service-role/" }),
    );
    deepEqual(serviceRoles.AttachedPolicies!.map((policy) => policy.PolicyName), [
      "AWSLambdaBasicExecutionRole",
      "AWSLambdaRole",
    ]);
  });

  test("paginateListAttachedRolePolicies() pages through attached policies", async () => {
    await createRole("paged-attachments");
    for (const arn of [BASIC, EXECUTE, ROLE]) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: "paged-attachments", PolicyArn: arn }));
    }
    const pages = [];
    const paginator = paginateListAttachedRolePolicies({ client: iam, pageSize: 2 }, {
      RoleName: "paged-attachments",
    });
    for await (const page of paginator) {
      pages.push(page.AttachedPolicies!.map((policy) => policy.PolicyName));
      if (pages.length > 3) break;
    }
    deepEqual(pages, [["AWSLambdaExecute", "AWSLambdaBasicExecutionRole"], ["AWSLambdaRole"]]);
  });

  test("DetachRolePolicy() removes an attached policy", async () => {
    await createRole("detached");
    await iam.send(new AttachRolePolicyCommand({ RoleName: "detached", PolicyArn: BASIC }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: "detached", PolicyArn: BASIC }));
    const out = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "detached" }));
    deepEqual(out.AttachedPolicies, []);
  });

  test("PutRolePolicy() stores an inline policy that GetRolePolicy() returns URL-encoded", async () => {
    await createRole("inline");
    const document = JSON.stringify(S3_READ_POLICY);
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "inline", PolicyName: "read", PolicyDocument: document }),
    );
    const out = await iam.send(new GetRolePolicyCommand({ RoleName: "INLINE", PolicyName: "read" }));
    equal(out.RoleName, "inline");
    equal(out.PolicyName, "read");
    equal(out.PolicyDocument, encodeURIComponent(document));
    deepEqual(JSON.parse(decodeURIComponent(out.PolicyDocument!)), S3_READ_POLICY);
  });

  test("PutRolePolicy() replaces a policy of the same name", async () => {
    await createRole("replaced");
    const first = JSON.stringify(S3_READ_POLICY);
    const second = JSON.stringify({ ...S3_READ_POLICY, Id: "second" });
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "replaced", PolicyName: "p", PolicyDocument: first }),
    );
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "replaced", PolicyName: "p", PolicyDocument: second }),
    );
    const out = await iam.send(new GetRolePolicyCommand({ RoleName: "replaced", PolicyName: "p" }));
    equal(decodeURIComponent(out.PolicyDocument!), second);
    const names = await iam.send(new ListRolePoliciesCommand({ RoleName: "replaced" }));
    deepEqual(names.PolicyNames, ["p"]);
  });

  test("ListRolePolicies() lists inline policy names and DeleteRolePolicy() removes one", async () => {
    await createRole("listed-inline");
    for (const name of ["b-policy", "a-policy"]) {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: "listed-inline",
          PolicyName: name,
          PolicyDocument: JSON.stringify(S3_READ_POLICY),
        }),
      );
    }
    const before = await iam.send(new ListRolePoliciesCommand({ RoleName: "listed-inline" }));
    deepEqual(before.PolicyNames, ["a-policy", "b-policy"]);
    equal(before.IsTruncated, false);
    const firstPage = await iam.send(new ListRolePoliciesCommand({ RoleName: "listed-inline", MaxItems: 1 }));
    deepEqual(firstPage.PolicyNames, ["a-policy"]);
    equal(firstPage.IsTruncated, true);
    const secondPage = await iam.send(
      new ListRolePoliciesCommand({ RoleName: "listed-inline", Marker: firstPage.Marker }),
    );
    deepEqual(secondPage.PolicyNames, ["b-policy"]);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "listed-inline", PolicyName: "a-policy" }));
    const after = await iam.send(new ListRolePoliciesCommand({ RoleName: "listed-inline" }));
    deepEqual(after.PolicyNames, ["b-policy"]);
  });
});
