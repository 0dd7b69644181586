// The covalent-awslambda command, run through the bin link npm made for the installed package.
import { match, strictEqual as equal } from "node:assert/strict";
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

  test("covalent-awslambda with an unknown command exits 2 and says so", { timeout: 20_000 }, async () => {
    const run = runBin(["deploy-everything"]);
    started.push(run);
    const { code } = await run.exited;
    equal(code, 2);
    match(run.stderr(), /unknown command "deploy-everything"/);
  });
});
