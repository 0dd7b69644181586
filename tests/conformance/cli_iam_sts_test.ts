/**
 * Conformance: IAM roles and STS through the AWS CLI (botocore's query protocol), including
 * session credentials from `aws sts assume-role` used by a second CLI run.
 *
 * @module
 */
import { CreateRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { awsCliMissing, type ChildOutput, runWithAws } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

const ACCOUNT = "000000000000";
const TRUST_ACCOUNT = {
  Version: "2012-10-17",
  Statement: [{
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: "sts:AssumeRole",
  }],
};

/** A role as the CLI prints it. */
interface RoleJson {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  AssumeRolePolicyDocument: unknown;
  Description?: string;
  MaxSessionDuration?: number;
}

/** What the CLI printed as JSON, after checking that it exited 0. */
function json<T = { Role: RoleJson }>(out: ChildOutput): T {
  strictEqual(out.code, 0, out.stderr);
  return JSON.parse(out.stdout) as T;
}

describe("the AWS CLI against local IAM and STS", () => {
  const missing = awsCliMissing();
  const bucket = uniqueBucket("cli-session");
  let aws: LocalAwsServer;
  let s3: S3Client;
  let iam: IAMClient;
  before(async () => {
    ({ aws, s3, iam } = await startLocalAwsFixture());
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  after(() => aws.close());
  const cli = (...args: string[]) => runWithAws(aws, "aws", [...args, "--output", "json"]);
  const createRole = async (name: string, path?: string) => {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: name,
        Path: path,
        AssumeRolePolicyDocument: JSON.stringify(TRUST_ACCOUNT),
      }),
    );
    return Role!;
  };

  test("aws sts get-caller-identity names the account root for local AWS's long-term keys", async (t) => {
    if (missing) return t.skip(missing);
    deepStrictEqual(json<unknown>(await cli("sts", "get-caller-identity")), {
      UserId: ACCOUNT,
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:root`,
    });
  });

  test("aws iam create-role, get-role and list-roles agree on the role, its path and its trust policy", async (t) => {
    if (missing) return t.skip(missing);
    const created = json(
      await cli(
        "iam",
        "create-role",
        "--role-name",
        "cli-role",
        "--path",
        "/conformance/",
        "--description",
        "made by the CLI",
        "--assume-role-policy-document",
        JSON.stringify(TRUST_ACCOUNT),
      ),
    ).Role;
    strictEqual(created.Arn, `arn:aws:iam::${ACCOUNT}:role/conformance/cli-role`);
    match(created.RoleId, /^AROA[A-Z0-9]{17}$/);
    // The CLI URL-decodes the policy document and prints it as JSON (S: DOC API_Role).
    deepStrictEqual(created.AssumeRolePolicyDocument, TRUST_ACCOUNT);
    match(created.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const got = json(await cli("iam", "get-role", "--role-name", "cli-role")).Role;
    strictEqual(got.RoleId, created.RoleId);
    strictEqual(got.Path, "/conformance/");
    strictEqual(got.Description, "made by the CLI");
    strictEqual(got.MaxSessionDuration, 3600);
    deepStrictEqual(got.AssumeRolePolicyDocument, TRUST_ACCOUNT);

    const listed =
      json<{ Roles: RoleJson[] }>(await cli("iam", "list-roles", "--path-prefix", "/conformance/")).Roles;
    deepStrictEqual(listed.map((role) => role.RoleName), ["cli-role"]);
  });

  test("aws iam list-roles pages with --max-items and --starting-token over IAM's Marker", async (t) => {
    if (missing) return t.skip(missing);
    // Made through the JS SDK: the CLI's part here is paging.
    for (const name of ["page-a", "page-b", "page-c"]) await createRole(name, "/paged/");
    const first = json<{ Roles: RoleJson[]; NextToken: string }>(
      await cli("iam", "list-roles", "--path-prefix", "/paged/", "--max-items", "2"),
    );
    strictEqual(first.Roles.length, 2);
    strictEqual(typeof first.NextToken, "string");
    const rest = json<{ Roles: RoleJson[]; NextToken?: string }>(
      await cli(
        "iam",
        "list-roles",
        "--path-prefix",
        "/paged/",
        "--max-items",
        "2",
        "--starting-token",
        first.NextToken,
      ),
    );
    strictEqual(rest.NextToken, undefined);
    const names = [...first.Roles, ...rest.Roles].map((role) => role.RoleName).sort();
    deepStrictEqual(names, ["page-a", "page-b", "page-c"]);
  });

  test("aws iam create-role exits 255 with EntityAlreadyExists when the name is taken", async (t) => {
    if (missing) return t.skip(missing);
    const document = JSON.stringify(TRUST_ACCOUNT);
    await createRole("twice");
    const out = await cli(
      "iam",
      "create-role",
      "--role-name",
      "twice",
      "--assume-role-policy-document",
      document,
    );
    strictEqual(out.code, 255);
    match(
      out.stderr,
      /An error occurred \(EntityAlreadyExists\) when calling the CreateRole operation: Role with name twice already exists\./,
    );
  });

  test("aws iam delete-role removes the role, after which get-role exits 255 with NoSuchEntity", async (t) => {
    if (missing) return t.skip(missing);
    await createRole("short-lived");
    const deleted = await cli("iam", "delete-role", "--role-name", "short-lived");
    strictEqual(deleted.code, 0, deleted.stderr);
    strictEqual(deleted.stdout, "");
    const outs = await Promise.all(
      ["get-role", "delete-role"].map((operation) => cli("iam", operation, "--role-name", "short-lived")),
    );
    for (const out of outs) {
      // CLI v1 exits 255 on a service error, v2 exits 254 (S: DOC cli-chap-error-handling / return codes).
      ok(out.code === 255 || out.code === 254, `exit code ${out.code}`);
      match(out.stderr, /An error occurred \(NoSuchEntity\) when calling the \w+Role operation: /);
      match(out.stderr, /The role with name short-lived cannot be found\./);
    }
  });

  test("aws sts assume-role gives session keys that aws s3 ls and get-caller-identity accept as the assumed role", async (t) => {
    if (missing) return t.skip(missing);
    const role = await createRole("session-role");
    const assumed = json<{
      Credentials: Record<"AccessKeyId" | "SecretAccessKey" | "SessionToken" | "Expiration", string>;
      AssumedRoleUser: unknown;
    }>(
      await cli(
        "sts",
        "assume-role",
        "--role-arn",
        role.Arn!,
        "--role-session-name",
        "cli-session",
        "--duration-seconds",
        "900",
      ),
    );
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = assumed.Credentials;
    match(AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    ok(SessionToken.length > 0);
    const lifetime = Date.parse(Expiration) - Date.now();
    ok(lifetime > 0 && lifetime <= 900_000, `Expiration ${Expiration} is not within 900 s`);
    deepStrictEqual(assumed.AssumedRoleUser, {
      AssumedRoleId: `${role.RoleId}:cli-session`,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/session-role/cli-session`,
    });

    const session = {
      AWS_ACCESS_KEY_ID: AccessKeyId,
      AWS_SECRET_ACCESS_KEY: SecretAccessKey,
      AWS_SESSION_TOKEN: SessionToken,
    };
    const [identity, listed, tokenless, forged] = await Promise.all([
      runWithAws(aws, "aws", ["sts", "get-caller-identity", "--output", "json"], session),
      runWithAws(aws, "aws", ["s3", "ls"], session),
      // The same keys without their token are not a key pair S3 knows (S: DOC ErrorResponses).
      runWithAws(aws, "aws", ["s3", "ls"], { ...session, AWS_SESSION_TOKEN: "" }),
      runWithAws(aws, "aws", ["sts", "get-caller-identity"], { ...session, AWS_SESSION_TOKEN: "forged" }),
    ]);
    deepStrictEqual(json<unknown>(identity), {
      UserId: `${role.RoleId}:cli-session`,
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/session-role/cli-session`,
    });
    strictEqual(listed.code, 0, listed.stderr);
    match(listed.stdout, new RegExp(` ${bucket}$`, "m"));
    strictEqual(tokenless.code, 255);
    match(tokenless.stderr, /\(InvalidAccessKeyId\) when calling the ListBuckets operation/);
    strictEqual(forged.code, 255);
    match(forged.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation/);
  });

  test("aws sts assume-role exits 255 with AccessDenied when the role does not exist", async (t) => {
    if (missing) return t.skip(missing);
    const arn = `arn:aws:iam::${ACCOUNT}:role/never-made`;
    const out = await cli("sts", "assume-role", "--role-arn", arn, "--role-session-name", "s1");
    strictEqual(out.code, 255);
    // STS does not say whether the role is missing or does not trust the caller (S: DOC API_AssumeRole errors).
    match(
      out.stderr,
      new RegExp(
        `\\(AccessDenied\\) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT}:root ` +
          `is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      ),
    );
  });
});
