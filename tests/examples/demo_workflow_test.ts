import { match, strictEqual as equal } from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";

const demo = new URL("../../examples/demo_workflow.ts", import.meta.url).pathname;

function runDemo(interruptAfter?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["run", "-A", demo], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let interrupted = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (interruptAfter && !interrupted && interruptAfter.test(output)) {
        interrupted = true;
        // Deno reports ChildProcess.kill("SIGINT") as a signal exit; process.kill does not.
        process.kill(child.pid!, "SIGINT");
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

test("the demo workflow prints results, the typed error and the timing table", async () => {
  const { code, output } = await runDemo();
  equal(code, 0, output);
  match(output, /^map: 40\/40 \(0 failed, 0 running\), [\d.]+ s so far$/m);
  match(output, /primes below 200,000 in 40 ranges: 17984/);
  match(output, /station Ridge-7: sensors wind@10Hz, temperature@1Hz/);
  match(output, /TaskFailed — Error: sensor offline/);
  match(output, /stage\s+runs\s+p50\s+p95\s+max/);
  match(output, /invoke\s+4\d\s+/);
  match(
    output,
    // The one S3 request is the upload of the module task's bundle.
    /cost: 43 tasks billed \d+ ms \([\d.]+ GB-s\), 43 Lambda and 1 S3 request: \$[\d.]+ at us-east-1 list prices/,
  );
  match(output, /executor closed/);
});

test("the demo workflow cleans up and exits 130 when interrupted with Ctrl-C", async () => {
  const { code, output } = await runDemo(/Starting an embedded local AWS/);
  equal(code, 130, output);
  match(output, /interrupted by Ctrl-C: stopping/);
  match(output, /executor closed/);
});
