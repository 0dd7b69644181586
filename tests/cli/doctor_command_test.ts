import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { match, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../src/cli/run_cli.ts";
import { s3Client } from "../support/aws_clients.ts";
import { bedFlags } from "../support/bed_flags.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

describe("covalent-awslambda doctor", () => {
  test("doctor prints a ✓ for every check and exits 0 when all is well", async () => {
    await using bed = await startExecutorBed();
    const io = recordingIo();
    equal(await runCli(["doctor", ...bedFlags(bed)], io), 0, io.stdout.join("\n"));
    const text = io.stdout.join("\n");
    for (
      const name of ["credentials", "region", "bucket", "bucket writable", "role", "lambda", "round trip"]
    ) {
      match(text, new RegExp(`^✓ ${name} `, "m"));
    }
    match(text, /account 000000000000/);
    match(text, /"hello from Lambda"/);
  });

  test("doctor shows ✗ with the commands that create a missing role, and exits 1", async () => {
    await using bed = await startExecutorBed();
    const io = recordingIo();
    equal(await runCli(["doctor", ...bedFlags(bed), "--role", "NoSuchRole"], io), 1);
    const text = io.stdout.join("\n");
    match(text, /^✗ role\s+The execution role "NoSuchRole" does not exist/m);
    match(text, /fix: .*aws iam create-role --role-name NoSuchRole/s);
    match(text, /AWSLambdaBasicExecutionRole/);
    match(text, /^✗ round trip\s+skipped/m);
  });

  test("doctor shows ✗ and suggests a bucket of one's own when another account owns the bucket", async () => {
    await using bed = await startExecutorBed();
    const other = bed.aws.addAccount();
    const theirs = s3Client(bed.aws, other.credentials);
    await theirs.send(new CreateBucketCommand({ Bucket: "taken-by-another-account" }));
    theirs.destroy();
    const io = recordingIo();
    const args = bedFlags(bed);
    args[args.indexOf("--bucket") + 1] = "taken-by-another-account";
    equal(await runCli(["doctor", ...args], io), 1);
    const text = io.stdout.join("\n");
    match(text, /^✗ bucket\s+S3 refused access to the staging bucket "taken-by-another-account"/m);
    match(text, /covalent-lambda-000000000000-us-east-1/);
    ok(!/^✓ bucket writable/m.test(text));
  });

  test("doctor shows ✗ with the region to set when the bucket is in another region, as a run says it", async () => {
    await using bed = await startExecutorBed();
    await bed.aws.ensureBucket("staging-in-ireland", { region: "eu-west-1" });
    const io = recordingIo();
    const args = bedFlags(bed);
    args[args.indexOf("--bucket") + 1] = "staging-in-ireland";
    equal(await runCli(["doctor", ...args], io), 1);
    const text = io.stdout.join("\n");
    match(
      text,
      /^✗ bucket\s+The staging bucket "staging-in-ireland" is in eu-west-1, but the executor runs in us-east-1\.$/m,
    );
    match(text, /^ {2}fix: Set region = "eu-west-1", or use a bucket in us-east-1\.$/m);
    match(text, /^✗ bucket writable\s+skipped/m);
  });

  test("doctor --json prints the checks as data", async () => {
    await using bed = await startExecutorBed();
    const io = recordingIo();
    equal(await runCli(["doctor", "--json", ...bedFlags(bed)], io), 0);
    const checks = JSON.parse(io.stdout.join(""));
    ok(Array.isArray(checks) && checks.every((c: { ok: boolean }) => c.ok));
  });
});
