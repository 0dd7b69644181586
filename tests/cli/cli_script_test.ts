import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { match, strictEqual as equal } from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { after, describe, test } from "node:test";
import type { LocalAws } from "../../local.ts";
import { spawnCollecting, waitFor } from "../../tests_npm/support/child_output.mjs";
import { stsClient } from "../support/aws_clients.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `deno run -A cli.ts …` from the repository root, collecting its output. */
function runScript(args: string[]) {
  // Under `deno test`, process.execPath is the deno binary running the tests.
  const run = spawnCollecting(process.execPath, ["run", "-A", "cli.ts", ...args], REPO);
  return { ...run, exited: run.exited.then(({ code }) => code) };
}

describe("cli.ts as a script", () => {
  const started: ChildProcess[] = [];
  after(() => {
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });

  test("deno run -A cli.ts local serves STS until SIGINT, then exits 0", async () => {
    const script = runScript(["local", "--port", "0"]);
    started.push(script.child);
    const [, endpoint] = await waitFor(script.stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
    const target = {
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    } as LocalAws;
    const identity = await stsClient(target).send(new GetCallerIdentityCommand({}));
    equal(identity.Account, "000000000000");

    // Deno's ChildProcess.kill() makes "exit" report the signal even when the child handled it
    // and exited 0, so the signal is sent by pid.
    process.kill(script.child.pid!, "SIGINT");
    equal(await script.exited, 0, script.stderr());
    match(
      script.stdout(),
      /Received SIGINT; stopping local AWS\.\.\.\nStopped: closed http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  test("deno run -A cli.ts local with an unknown flag exits 2 naming the flag", async () => {
    const script = runScript(["local", "--verbose"]);
    started.push(script.child);
    equal(await script.exited, 2);
    match(script.stderr(), /Unknown option "--verbose" for "local"/);
    equal(script.stdout(), "");
  });
});
