import { deepStrictEqual as deepEqual, match, strictEqual as equal } from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../../src/cli/run_cli.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

describe("covalent-awslambda config", () => {
  const dir = tempDirForSuite("config-command-test");

  test("config shows each value with its source: the file and line, a flag, or the default", async () => {
    const file = join(dir, "covalent.conf");
    writeFileSync(file, '[executors.awslambda]\n\ntimeout = 90\ns3_bucket_name = "my-bucket"\n');
    const io = recordingIo();
    equal(await runCli(["config", "--config", file, "--region", "eu-west-1"], io), 0, io.stderr.join("\n"));
    const lines = io.stdout;
    match(lines.find((l) => l.startsWith("timeout"))!, new RegExp(`^timeout\\s+90\\s+${file} line 3$`));
    match(lines.find((l) => l.startsWith("s3_bucket_name"))!, new RegExp(`my-bucket\\s+${file} line 4$`));
    match(lines.find((l) => l.startsWith("region"))!, /eu-west-1\s+flag --region$/);
    match(lines.find((l) => l.startsWith("memory_size"))!, /512\s+the default$/);
  });

  test("config --json prints every key with its value and source", async () => {
    const file = join(dir, "empty.conf");
    writeFileSync(file, "");
    const io = recordingIo();
    equal(await runCli(["config", "--config", file, "--json"], io), 0);
    const config = JSON.parse(io.stdout.join(""));
    deepEqual(config.timeout, { value: 60, source: "the default" });
    equal(config.lambda_role_name.value, "CovalentLambdaExecutionRole");
  });

  test("config reports a bad value in the config file and exits 1", async () => {
    const file = join(dir, "bad.conf");
    writeFileSync(file, "[executors.awslambda]\ntimeout = 901\n");
    const io = recordingIo();
    equal(await runCli(["config", "--config", file], io), 1);
    match(io.stderr.join("\n"), /timeout/);
  });
});
