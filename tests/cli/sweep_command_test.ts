import { deepStrictEqual as deepEqual, match, strictEqual as equal, throws } from "node:assert/strict";
import { describe, test } from "node:test";
import { runOnLambda } from "../../mod.ts";
import { formatDuration, parseDuration } from "../../src/cli/parse_duration.ts";
import { runCli } from "../../src/cli/run_cli.ts";
import { parseSweepArgs } from "../../src/cli/sweep_command.ts";
import { CliUsageError } from "../../src/cli/usage_error.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

describe("parseDuration()", () => {
  const cases: Array<[string, number]> = [
    ["90", 90_000],
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    [
      "7d",
      604_800_000,
    ],
    ["0", 0],
    ["1.5h", 5_400_000],
  ];
  for (const [text, ms] of cases) {
    test(`parseDuration() reads ${text} as ${ms} ms`, () => equal(parseDuration("--older-than", text), ms));
  }
  for (const ms of [0, 1_500, 90_000, 1_800_000, 7_200_000, 5_400_000, 604_800_000]) {
    test(`formatDuration(${ms}) writes a duration parseDuration() reads back as ${ms} ms`, () => {
      equal(parseDuration("--older-than", formatDuration(ms)), ms);
    });
  }
  test("formatDuration() uses the largest unit that divides evenly", () => {
    equal(formatDuration(7_200_000), "2h");
    equal(formatDuration(5_400_000), "90m");
    equal(formatDuration(172_800_000), "2d");
    equal(formatDuration(1_500), "1.5s");
  });
  for (const bad of ["", "-1h", "2w", "h", "1 h"]) {
    test(`parseDuration() refuses ${JSON.stringify(bad)}`, () => {
      throws(() => parseDuration("--older-than", bad), CliUsageError);
    });
  }
});

describe("parseSweepArgs()", () => {
  test("parseSweepArgs() defaults to one hour and a dry run when given nothing", () => {
    deepEqual(parseSweepArgs([]), {
      help: false,
      olderThanMs: 3_600_000,
      dryRun: true,
      json: false,
      options: {
        endpoint: undefined,
        region: undefined,
        credentials: undefined,
        profile: undefined,
        s3BucketName: undefined,
        lambdaRoleName: undefined,
        configFile: undefined,
      },
    });
  });

  test("parseSweepArgs() reads every option when all are given", () => {
    const parsed = parseSweepArgs([
      "--older-than=2d",
      "--dry-run",
      "--json",
      "--endpoint",
      "http://127.0.0.1:4566",
      "--region",
      "eu-west-1",
      "--credentials",
      "/c",
      "--profile",
      "p",
      "--bucket",
      "b",
      "--role",
      "R",
      "--config",
      "/x.conf",
    ]);
    deepEqual(parsed, {
      help: false,
      olderThanMs: 172_800_000,
      dryRun: true,
      json: true,
      options: {
        endpoint: "http://127.0.0.1:4566",
        region: "eu-west-1",
        credentials: "/c",
        profile: "p",
        s3BucketName: "b",
        lambdaRoleName: "R",
        configFile: "/x.conf",
      },
    });
  });

  test("parseSweepArgs() refuses the embedded local endpoint and stray arguments", () => {
    throws(() => parseSweepArgs(["--endpoint", "local"]), /nothing to sweep/);
    throws(() => parseSweepArgs(["now"]), /Unexpected argument "now"/);
  });
});

describe("covalent-awslambda sweep", () => {
  test("sweep --dry-run lists leftovers, then sweep removes them", async () => {
    // Values large enough to travel through S3, so the run leaves its objects there.
    await using bed = await startExecutorBed({ cleanup: false, inlineLimit: 4096 });
    await runOnLambda((s: string) => s + s, ["x".repeat(10_000)], bed.options);
    const common = [
      "--older-than",
      "0",
      "--endpoint",
      bed.options.endpoint!,
      "--region",
      bed.options.region!,
      "--credentials",
      bed.options.credentials!,
      "--profile",
      bed.options.profile!,
      "--bucket",
      bed.options.s3BucketName!,
      "--config",
      bed.options.configFile!,
    ];
    const preview = recordingIo();
    equal(await runCli(["sweep", ...common], preview), 0);
    // The shared function of this version is in use by definition: a sweep keeps it.
    match(preview.stdout.join("\n"), /Would remove 2 object\(s\)[\s\S]*Would remove 0 function\(s\)/);
    match(preview.stdout.join("\n"), /Run again with --yes to remove them\.$/);
    equal((await bed.objectKeys()).length, 2);

    const real = recordingIo();
    equal(await runCli(["sweep", "--yes", ...common], real), 0);
    match(real.stdout.join("\n"), /Removed 2 object\(s\)/);
    deepEqual(await bed.objectKeys(), []);
    equal((await bed.functionNames()).length, 1, "the shared function stays");

    const after = recordingIo();
    equal(await runCli(["sweep", "--json", ...common], after), 0);
    const report = JSON.parse(after.stdout.join(""));
    deepEqual([report.dryRun, report.objects, report.functions, report.problems], [true, [], [], []]);
    const quiet = recordingIo();
    equal(await runCli(["sweep", ...common], quiet), 0);
    match(quiet.stdout.join("\n"), /^Nothing to sweep: no leftovers older than 0s/);
  });

  test("sweep reports a configuration error and exits 1", async () => {
    const io = recordingIo();
    equal(await runCli(["sweep", "--endpoint", "ftp://nowhere"], io), 1);
    match(io.stderr.join("\n"), /only http and https URLs work/);
  });
});
