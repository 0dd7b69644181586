import { deepStrictEqual as deepEqual, match, strictEqual as equal, throws } from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { parseRunArgs } from "../../src/cli/run_command.ts";
import { runCli } from "../../src/cli/run_cli.ts";
import { CliUsageError } from "../../src/cli/usage_error.ts";
import { bedFlags } from "../support/bed_flags.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

const fixture = new URL("./fixtures/cli_tasks.mjs", import.meta.url).pathname;

describe("parseRunArgs()", () => {
  test("parseRunArgs() resolves a relative module path and reads the JSON arguments", () => {
    const parsed = parseRunArgs(
      ["tasks.mjs", "double", "--args", "[21]", "--json", "--timeout", "30"],
      "/work",
    );
    if (parsed.help) throw new Error("expected a run");
    equal(parsed.module.href, pathToFileURL(join("/work", "tasks.mjs")).href);
    equal(parsed.exportName, "double");
    deepEqual(parsed.args, [21]);
    equal(parsed.json, true);
    equal(parsed.options.timeout, 30);
  });

  test("parseRunArgs() calls the default export with no arguments when none are named", () => {
    const parsed = parseRunArgs(["https://example.com/t.mjs"], "/work");
    if (parsed.help) throw new Error("expected a run");
    equal(parsed.module.href, "https://example.com/t.mjs");
    equal(parsed.exportName, "default");
    deepEqual(parsed.args, []);
  });

  const refusals: Array<[string[], RegExp]> = [
    [[], /Name the module to run/],
    [["t.mjs", "--args", "{"], /--args is not JSON/],
    [["t.mjs", "--args", '{"a":1}'], /--args must be a JSON array/],
    [["t.mjs", "f", "extra"], /Unexpected argument "extra"/],
    [["t.mjs", "--memory", "64"], /memory/],
  ];
  for (const [argv, message] of refusals) {
    test(`parseRunArgs() refuses ${JSON.stringify(argv)} with a usage error`, () => {
      throws(() => parseRunArgs(argv, "/work"), (e) => e instanceof CliUsageError && message.test(e.message));
    });
  }
});

describe("covalent-awslambda run", () => {
  let bed: ExecutorBed;
  let common: string[];
  before(async () => {
    bed = await startExecutorBed();
    common = bedFlags(bed);
  });
  after(() => bed.close());

  test("run prints the task's result as JSON and exits 0", async () => {
    const io = recordingIo();
    equal(await runCli(["run", fixture, "double", "--args", "[21]", ...common], io), 0, io.stderr.join("\n"));
    deepEqual(JSON.parse(io.stdout.join("")), 42);
    match(io.stderr.join("\n"), /^billed \d+ ms \([\d.]+ GB-s\), \$[\d.]+ at list prices$/m);
    // The bed's first run deploys the function, and says so on stderr.
    match(io.stderr.join("\n"), /^covalent-awslambda-\w+ is Active \([\d.]+ s\)$/m);
  });

  test("run prints values JSON lacks in their nearest JSON shape", async () => {
    const io = recordingIo();
    equal(
      await runCli(["run", fixture, "describe", "--args", '["station"]', ...common], io),
      0,
      io.stderr.join("\n"),
    );
    deepEqual(JSON.parse(io.stdout.join("")), {
      name: "station",
      when: "1970-01-01T00:00:00.000Z",
      big: "1180591620717411303424",
      tags: ["a", "b"],
    });
  });

  test("run --json reports a task that throws as ok: false with the remote error, and exits 1", async () => {
    const io = recordingIo();
    equal(await runCli(["run", fixture, "fail", "--args", '["too far"]', "--json", ...common], io), 1);
    const answer = JSON.parse(io.stdout.join(""));
    equal(answer.ok, false);
    equal(answer.error.type, "TaskFailed");
    equal(answer.error.remoteName, "RangeError");
    equal(answer.error.remoteMessage, "too far");
  });

  test("run without --json prints a task's failure on stderr and exits 1", async () => {
    const io = recordingIo();
    equal(await runCli(["run", fixture, "fail", "--args", '["no"]', ...common], io), 1);
    match(io.stderr.join("\n"), /TaskFailed: The task threw RangeError: no/);
    deepEqual(io.stdout, []);
  });

  test("run --help describes the command and exits 0", async () => {
    const io = recordingIo();
    equal(await runCli(["run", "--help"], io), 0);
    match(io.stdout.join("\n"), /Usage: covalent-awslambda run <module path or URL> \[export\]/);
  });
});

describe("covalent-awslambda run, interrupted", () => {
  test("run stops on Ctrl-C: it exits 130 and the bucket keeps nothing", async () => {
    await using bed = await startExecutorBed();
    const invoked = bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      delayMs: 0,
    });
    const io = recordingIo();
    const running = runCli([
      "run",
      fixture,
      "slow",
      "--args",
      "[3000]",
      ...bedFlags(bed),
    ], io);
    while (invoked.hits === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    io.requestStop("SIGINT");
    equal(await running, 130);
    match(io.stderr.join("\n"), /SIGINT: stopping/);
    deepEqual(await bed.objectKeys(), []);
  });
});
