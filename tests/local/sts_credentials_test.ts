import { CreateRoleCommand } from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSServiceException,
} from "@aws-sdk/client-sts";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { iamClient, rejection, statusOf, stsClient } from "../support/aws_clients.ts";
import { LAMBDA_TRUST } from "../support/iam_requests.ts";

/** A trust policy letting the given AWS principals assume the role. */
function trusting(...principals: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: principals }, Action: ["sts:AssumeRole"] }],
  });
}

describe("local STS temporary credentials", () => {
  let aws: LocalAwsServer;
  before(async () => {
    aws = await startLocalAws();
    const iam = iamClient(aws);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "worker",
        AssumeRolePolicyDocument: trusting("arn:aws:iam::000000000000:root"),
        MaxSessionDuration: 7200,
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: "lambda-only",
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
      }),
    );
  });
  after(() => aws.close());

  it("GetSessionToken() returns ASIA keys, a token and an Expiration Date the SDK parsed", async () => {
    const before = Date.now();
    const { Credentials: credentials } = await stsClient(aws).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    ok(/^ASIA[A-Z2-7]{16}$/.test(credentials!.AccessKeyId!), credentials!.AccessKeyId);
    equal(credentials!.SecretAccessKey!.length, 40);
    ok(credentials!.SessionToken!.length > 100);
    ok(credentials!.Expiration instanceof Date);
    const seconds = (credentials!.Expiration!.getTime() - before) / 1000;
    ok(seconds > 895 && seconds <= 900, `expires in ${seconds} s`);
  });

  it("GetSessionToken() caps the session at one hour when the caller is the account's root", async () => {
    const before = Date.now();
    const { Credentials: credentials } = await stsClient(aws).send(new GetSessionTokenCommand({}));
    const seconds = (credentials!.Expiration!.getTime() - before) / 1000;
    ok(seconds > 3595 && seconds <= 3600, `expires in ${seconds} s`);
  });

  it("GetSessionToken() answers ValidationError when DurationSeconds is outside 900–129600", async () => {
    for (
      const [duration, constraint] of [[899, "greater than or equal to 900"], [
        129601,
        "less than or equal to 129600",
      ]] as const
    ) {
      const error = await rejection(
        stsClient(aws).send(new GetSessionTokenCommand({ DurationSeconds: duration })),
      );
      ok(error instanceof STSServiceException);
      equal(error.name, "ValidationError");
      equal(
        error.message,
        `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${constraint}`,
      );
      equal(statusOf(error), 400);
    }
  });

  it("GetSessionToken() answers AccessDenied when called with session credentials", async () => {
    const { Credentials: c } = await stsClient(aws).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    const session = {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!,
    };
    const error = await rejection(stsClient(aws, session).send(new GetSessionTokenCommand({})));
    equal(error.name, "AccessDenied");
    equal(error.message, "Cannot call GetSessionToken with session credentials");
    equal(statusOf(error), 403);
    // The session keys still identify the root that made them.
    equal(
      (await stsClient(aws, session).send(new GetCallerIdentityCommand({}))).Arn,
      "arn:aws:iam::000000000000:root",
    );
  });

  it("AssumeRole() returns credentials and the assumed-role user when the role trusts the account", async () => {
    const out = await stsClient(aws).send(
      new AssumeRoleCommand({ RoleArn: "arn:aws:iam::000000000000:role/worker", RoleSessionName: "job-1" }),
    );
    ok(
      /^AROA[A-Z0-9]{17}:job-1$/.test(out.AssumedRoleUser!.AssumedRoleId!),
      out.AssumedRoleUser!.AssumedRoleId,
    );
    equal(out.AssumedRoleUser!.Arn, "arn:aws:sts::000000000000:assumed-role/worker/job-1");
    ok(/^ASIA/.test(out.Credentials!.AccessKeyId!));
    ok(out.Credentials!.Expiration instanceof Date);
    const seconds = (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
    ok(seconds > 3590 && seconds <= 3600, `default duration ${seconds} s`);
    const assumed = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    const identity = await stsClient(aws, assumed).send(new GetCallerIdentityCommand({}));
    equal(identity.Arn, "arn:aws:sts::000000000000:assumed-role/worker/job-1");
    equal(identity.UserId, out.AssumedRoleUser!.AssumedRoleId);
    equal(identity.Account, "000000000000");
  });

  it("AssumeRole() answers AccessDenied when the trust policy does not name the caller or the role is missing", async () => {
    for (
      const roleArn of ["arn:aws:iam::000000000000:role/lambda-only", "arn:aws:iam::000000000000:role/absent"]
    ) {
      const error = await rejection(
        stsClient(aws).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1" })),
      );
      equal(error.name, "AccessDenied");
      equal(
        error.message,
        `User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
      equal(statusOf(error), 403);
    }
  });

  it("AssumeRole() lets another account in when the role's trust policy names that account", async () => {
    const other = aws.addAccount();
    await iamClient(aws).send(
      new CreateRoleCommand({ RoleName: "shared", AssumeRolePolicyDocument: trusting(other.accountId) }),
    );
    const out = await stsClient(aws, other.credentials).send(
      new AssumeRoleCommand({ RoleArn: "arn:aws:iam::000000000000:role/shared", RoleSessionName: "visitor" }),
    );
    equal(out.AssumedRoleUser!.Arn, "arn:aws:sts::000000000000:assumed-role/shared/visitor");
  });

  it("AssumeRole() answers ValidationError when the session name or duration is out of bounds", async () => {
    const arn = "arn:aws:iam::000000000000:role/worker";
    const cases: Array<[Partial<{ RoleSessionName: string; DurationSeconds: number }>, string]> = [
      [
        { RoleSessionName: "x" },
        "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
      ],
      [
        { RoleSessionName: "bad name" },
        "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      ],
      [
        { RoleSessionName: "ok", DurationSeconds: 600 },
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      ],
      [
        { RoleSessionName: "ok", DurationSeconds: 7201 },
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      ],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(
        stsClient(aws).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "", ...input })),
      );
      equal(error.name, "ValidationError");
      equal(error.message, message);
      equal(statusOf(error), 400);
    }
    const long = await stsClient(aws).send(
      new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "long", DurationSeconds: 7200 }),
    );
    ok(long.Credentials!.Expiration!.getTime() - Date.now() > 7100_000);
  });

  it("AssumeRole() answers ValidationError when a role session asks a chained session longer than an hour", async () => {
    const arn = "arn:aws:iam::000000000000:role/worker";
    const first = await stsClient(aws).send(
      new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "first" }),
    );
    const session = {
      accessKeyId: first.Credentials!.AccessKeyId!,
      secretAccessKey: first.Credentials!.SecretAccessKey!,
      sessionToken: first.Credentials!.SessionToken!,
    };
    const chained = stsClient(aws, session);
    const error = await rejection(
      chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "second", DurationSeconds: 3601 })),
    );
    equal(error.name, "ValidationError");
    equal(
      error.message,
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
    equal(statusOf(error), 400);
    const hour = await chained.send(
      new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "second", DurationSeconds: 3600 }),
    );
    equal(hour.AssumedRoleUser!.Arn, "arn:aws:sts::000000000000:assumed-role/worker/second");
  });
});
