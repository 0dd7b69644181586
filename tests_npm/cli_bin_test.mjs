// The covalent-awslambda command, run through the bin link npm made for the installed package.
import { match, strictEqual as equal } from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { after, describe, test } from "node:test";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { spawnCollecting, waitFor } from "./support/child_output.mjs";

// The suite runs from tests_npm/ of the project the package is installed in.
const PROJECT_DIR = fileURLToPath(new URL("..", import.meta.url));
const BIN = fileURLToPath(new URL("../node_modules/.bin/covalent-awslambda", import.meta.url));

/** Starts the bin itself (its shebang picks node), collecting its output. */
const runBin = (args) => spawnCollecting(BIN, args, PROJECT_DIR);

describe("the covalent-awslambda bin", () => {
  const started = [];
  after(() => {
    for (const { child } of started) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });

  test("covalent-awslambda --help exits 0 and lists the local command", { timeout: 20_000 }, async () => {
    const run = runBin(["--help"]);
    started.push(run);
    const { code } = await run.exited;
    equal(code, 0, run.stderr());
    match(run.stdout(), /^Usage: covalent-awslambda <command> \[options\]/);
    match(run.stdout(), /\n {2}local +/);
  });

  test(
    "covalent-awslambda local --port 0 serves S3 until SIGINT, then exits 0",
    { timeout: 30_000 },
    async () => {
      const run = runBin(["local", "--port", "0"]);
      started.push(run);
      const [, endpoint] = await waitFor(run.stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
      const s3 = new S3Client({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        forcePathStyle: true,
      });
      const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
      s3.destroy();
      equal(Array.isArray(Buckets), true);
      equal(typeof Owner?.ID, "string");

      run.child.kill("SIGINT");
      const { code, signal } = await run.exited;
      equal(signal, null, run.stderr());
      equal(code, 0, run.stderr());
      match(
        run.stdout(),
        /Received SIGINT; stopping local AWS\.\.\.\nStopped: closed http:\/\/127\.0\.0\.1:\d+/,
      );
    },
  );

  test(
    "covalent-awslambda doctor and run work under Node against the bin's own local AWS",
    { timeout: 90_000 },
    async () => {
      const local = runBin(["local", "--port", "0"]);
      started.push(local);
      const [, endpoint] = await waitFor(local.stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
      const dir = mkdtempSync(join(tmpdir(), "cli-bin-"));
      const config = join(dir, "covalent.conf");
      writeFileSync(config, "");
      const tasks = join(dir, "tasks.mjs");
      writeFileSync(tasks, "export function double(n) { return n * 2; }\n");
      const saved = { ...process.env };
      Object.assign(process.env, {
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_REGION: "us-east-1",
      });
      try {
        const flags = [
          "--endpoint",
          endpoint,
          "--bucket",
          "covalent-lambda-job-resources",
          "--config",
          config,
        ];
        const doctor = runBin(["doctor", ...flags]);
        started.push(doctor);
        equal((await doctor.exited).code, 0, doctor.stdout() + doctor.stderr());
        match(doctor.stdout(), /^✓ round trip\s/m);
        const run = runBin(["run", tasks, "double", "--args", "[21]", ...flags]);
        started.push(run);
        equal((await run.exited).code, 0, run.stderr());
        equal(JSON.parse(run.stdout()), 42);
        match(run.stderr(), /billed \d+ ms/);
      } finally {
        process.env = saved;
        rmSync(dir, { recursive: true, force: true });
        local.child.kill("SIGINT");
        await local.exited;
      }
    },
  );

  test("covalent-awslambda with an unknown command exits 2 and says so", { timeout: 20_000 }, async () => {
    const run = runBin(["deploy-everything"]);
    started.push(run);
    const { code } = await run.exited;
    equal(code, 2);
    match(run.stderr(), /unknown command "deploy-everything"/);
  });
});
