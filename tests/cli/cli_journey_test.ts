// A new user's path through the command line, each command a separate process as a shell runs
// it: init, doctor, run, config, sweep, uninstall against one local AWS.
import { GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { spawnCollecting } from "../../tests_npm/support/child_output.mjs";
import { lambdaClient, s3Client } from "../support/aws_clients.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/cli_tasks.mjs", import.meta.url));
const BUCKET = "journey-bucket";
const ROLE = "JourneyRole";

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe("covalent-awslambda as a user runs it: one process per command", () => {
  let aws: LocalAwsServer;
  let dir: string;
  let base: string[];
  let common: string[];
  let withRole: string[];

  /** Runs `deno run -A cli.ts <args> <flags>` from the repository root. */
  async function cli(args: string[], flags: string[] = withRole): Promise<Finished> {
    // Under `deno test`, process.execPath is the deno binary running the tests.
    const run = spawnCollecting(process.execPath, ["run", "-A", "cli.ts", ...args, ...flags], REPO);
    const { code } = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  }

  before(async () => {
    aws = await startLocalAws({ pendingMs: 50 });
    dir = mkdtempSync(join(tmpdir(), "cli-journey-"));
    const credentials = join(dir, "credentials");
    writeFileSync(
      credentials,
      `[journey]\naws_access_key_id = ${aws.credentials.accessKeyId}\naws_secret_access_key = ${aws.credentials.secretAccessKey}\n`,
    );
    const config = join(dir, "covalent.conf");
    writeFileSync(config, "[executors.awslambda]\ntimeout = 45\n");
    base = [
      "--endpoint",
      aws.endpoint,
      "--credentials",
      credentials,
      "--profile",
      "journey",
      "--config",
      config,
    ];
    common = [...base, "--bucket", BUCKET];
    withRole = [...common, "--role", ROLE];
  });
  after(async () => {
    await aws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("init --dry-run lists its calls and creates nothing", async () => {
    const dry = await cli(["init", "--dry-run"]);
    equal(dry.code, 0, dry.stderr);
    match(dry.stdout, new RegExp(`would call s3:CreateBucket bucket=${BUCKET}`));
    match(dry.stdout, new RegExp(`would call iam:CreateRole role=${ROLE}`));
    const s3 = s3Client(aws);
    const head = await s3.send(new HeadBucketCommand({ Bucket: BUCKET })).then(() => "exists", (e) => e.name);
    s3.destroy();
    equal(head, "NotFound");
  });

  test("init creates the bucket and role, and a second init finds them in place", async () => {
    const first = await cli(["init"]);
    equal(first.code, 0, first.stdout + first.stderr);
    match(first.stdout, new RegExp(`✓ bucket\\s+created s3://${BUCKET} in us-east-1`));
    match(first.stdout, new RegExp(`✓ role\\s+created arn:aws:iam::000000000000:role/${ROLE}`));
    const second = await cli(["init"]);
    equal(second.code, 0, second.stdout + second.stderr);
    match(second.stdout, new RegExp(`✓ bucket\\s+s3://${BUCKET} exists in us-east-1`));
    match(second.stdout, /✓ lifecycle rule\s+covalent-awslambda-expiry exists/);
  });

  test("doctor passes every check after init and exits 0", async () => {
    const doctor = await cli(["doctor"]);
    equal(doctor.code, 0, doctor.stdout + doctor.stderr);
    ok(!doctor.stdout.includes("✗"), doctor.stdout);
    for (
      const check of ["credentials", "region", "bucket", "bucket writable", "role", "lambda", "round trip"]
    ) {
      match(doctor.stdout, new RegExp(`^✓ ${check}\\s`, "m"));
    }
  });

  test("doctor shows ✗ with the fix for a missing role and exits 1", async () => {
    const doctor = await cli(["doctor", "--role", "NoSuchJourneyRole"], common);
    equal(doctor.code, 1, doctor.stdout + doctor.stderr);
    match(doctor.stdout, /^✗ role\s+The execution role "NoSuchJourneyRole" does not exist/m);
    match(doctor.stdout, /fix: .*aws iam create-role --role-name NoSuchJourneyRole/s);
  });

  test("doctor shows ✗ and suggests a bucket of one's own when another account owns the bucket", async () => {
    const other = aws.addAccount();
    const theirs = s3Client(aws, other.credentials);
    await theirs.send(new CreateBucketCommand({ Bucket: "journey-taken-bucket" }));
    theirs.destroy();
    const doctor = await cli(["doctor", "--bucket", "journey-taken-bucket", "--role", ROLE], base);
    equal(doctor.code, 1, doctor.stdout + doctor.stderr);
    match(doctor.stdout, /^✗ bucket\s+S3 refused access to the staging bucket "journey-taken-bucket"/m);
    match(doctor.stdout, /fix: /);
  });

  test("run prints a task's result as JSON on stdout and its cost on stderr", async () => {
    const run = await cli(["run", FIXTURE, "double", "--args", "[21]"]);
    equal(run.code, 0, run.stderr);
    deepEqual(JSON.parse(run.stdout), 42);
    match(run.stderr, /billed \d+ ms \([\d.]+ GB-s\), \$[\d.]+ at list prices/);
  });

  test("run --json of a task that throws exits 1 with the remote error", async () => {
    const run = await cli(["run", FIXTURE, "fail", "--args", '["too far"]', "--json"]);
    equal(run.code, 1, run.stderr);
    const answer = JSON.parse(run.stdout);
    equal(answer.ok, false);
    equal(answer.error.remoteName, "RangeError");
  });

  test("config --json names where each value came from", async () => {
    const config = await cli(["config", "--json"]);
    equal(config.code, 0, config.stderr);
    const byKey: Record<string, { value: unknown; source: string }> = JSON.parse(config.stdout);
    deepEqual(byKey.s3_bucket_name, { value: BUCKET, source: "flag --bucket" });
    deepEqual(byKey.lambda_role_name, { value: ROLE, source: "flag --role" });
    equal(byKey.timeout.value, 45);
    match(byKey.timeout.source, /covalent\.conf line 2$/);
  });

  test("a wrong command line exits 2 and names the problem", async () => {
    const wrong = await cli(["sweep", "--older-than", "soon"]);
    equal(wrong.code, 2, wrong.stdout + wrong.stderr);
    match(wrong.stderr, /--older-than/);
  });

  test("sweep is a dry run without --yes; uninstall --yes removes the executor's functions", async () => {
    const sweep = await cli(["sweep"]);
    equal(sweep.code, 0, sweep.stdout + sweep.stderr);
    const lambda = lambdaClient(aws);
    const listed = await lambda.send(new ListFunctionsCommand({}));
    const names = (listed.Functions ?? []).map((f) => f.FunctionName!);
    ok(names.length > 0, "run left its shared function for the next run");
    const dry = await cli(["uninstall"]);
    equal(dry.code, 0, dry.stdout + dry.stderr);
    for (const name of names) match(dry.stdout, new RegExp(name));
    const gone = await cli(["uninstall", "--yes"]);
    equal(gone.code, 0, gone.stdout + gone.stderr);
    for (const name of names) {
      const found = await lambda.send(new GetFunctionCommand({ FunctionName: name })).then(
        () => "found",
        (e) => e.name,
      );
      equal(found, "ResourceNotFoundException", name);
    }
    lambda.destroy();
  });
});
