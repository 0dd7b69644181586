import { GetRoleCommand, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadBucketCommand,
} from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, match, ok, rejects, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../src/cli/run_cli.ts";
import { iamClient, s3Client } from "../support/aws_clients.ts";
import { bedFlags } from "../support/bed_flags.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

describe("covalent-awslambda init", () => {
  test("init --dry-run lists every call it would make and changes nothing", async () => {
    await using bed = await startExecutorBed();
    const io = recordingIo();
    equal(
      await runCli([
        "init",
        "--dry-run",
        ...bedFlags(bed, { bucket: "init-dry-bucket", role: "InitDryRole" }),
      ], io),
      0,
    );
    const text = io.stdout.join("\n");
    match(text, /would call s3:CreateBucket bucket=init-dry-bucket region=us-east-1/);
    match(
      text,
      /would call s3:PutBucketLifecycleConfiguration bucket=init-dry-bucket rule=covalent-awslambda-expiry/,
    );
    match(text, /would call iam:CreateRole role=InitDryRole/);
    match(
      text,
      /would call iam:AttachRolePolicy role=InitDryRole policy=arn:aws:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole/,
    );
    const s3 = s3Client(bed.aws);
    await rejects(s3.send(new HeadBucketCommand({ Bucket: "init-dry-bucket" })));
    s3.destroy();
    const iam = iamClient(bed.aws);
    await rejects(iam.send(new GetRoleCommand({ RoleName: "InitDryRole" })));
    iam.destroy();
  });

  test("init creates the bucket, its lifecycle rule and the role, and a second run finds them in place", async () => {
    await using bed = await startExecutorBed();
    const first = recordingIo();
    equal(
      await runCli(["init", ...bedFlags(bed, { bucket: "init-bucket", role: "InitRole" })], first),
      0,
      first.stdout.join("\n"),
    );
    match(first.stdout.join("\n"), /✓ bucket\s+created s3:\/\/init-bucket in us-east-1/);
    match(first.stdout.join("\n"), /✓ role\s+created arn:aws:iam::000000000000:role\/InitRole/);
    const second = recordingIo();
    equal(await runCli(["init", ...bedFlags(bed, { bucket: "init-bucket", role: "InitRole" })], second), 0);
    match(second.stdout.join("\n"), /✓ bucket\s+s3:\/\/init-bucket exists in us-east-1/);
    match(second.stdout.join("\n"), /✓ lifecycle rule\s+covalent-awslambda-expiry exists/);
    match(
      second.stdout.join("\n"),
      /✓ role\s+arn:aws:iam::000000000000:role\/InitRole exists and Lambda may assume it/,
    );

    const s3 = s3Client(bed.aws);
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: "init-bucket" }));
    s3.destroy();
    const rule = lifecycle.Rules?.find((r) => r.ID === "covalent-awslambda-expiry");
    ok(rule, JSON.stringify(lifecycle.Rules));
    equal(rule.Filter?.Prefix, "covalent-awslambda/");
    equal(rule.Expiration?.Days, 1);
    const iam = iamClient(bed.aws);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "InitRole" }));
    iam.destroy();
    deepEqual(attached.AttachedPolicies?.map((p) => p.PolicyName), ["AWSLambdaBasicExecutionRole"]);

    const doctor = recordingIo();
    equal(
      await runCli(["doctor", ...bedFlags(bed, { bucket: "init-bucket", role: "InitRole" })], doctor),
      0,
      doctor.stdout.join("\n"),
    );
  });

  test("init stops with ✗ and suggests a name of one's own when another account owns the bucket name", async () => {
    await using bed = await startExecutorBed();
    const other = bed.aws.addAccount();
    const theirs = s3Client(bed.aws, other.credentials);
    await theirs.send(new CreateBucketCommand({ Bucket: "someone-elses-init-bucket" }));
    theirs.destroy();
    const io = recordingIo();
    equal(
      await runCli(
        ["init", ...bedFlags(bed, { bucket: "someone-elses-init-bucket", role: "InitRole2" })],
        io,
      ),
      1,
    );
    match(
      io.stdout.join("\n"),
      /✗ bucket\s+the bucket name "someone-elses-init-bucket" belongs to another account/,
    );
    match(io.stdout.join("\n"), /covalent-lambda-000000000000-us-east-1/);
  });
});
