/**
 * A parent process for the "children die with their parent" test: starts an executor, begins
 * an invocation of a function that prints its pid and then spins forever, prints that pid on
 * stdout, and waits to be killed.
 *
 * Usage: deno run -A execution_orphan_parent.ts <scratch dir>
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { createProcessExecutor } from "../../src/local/execution/process_executor.ts";
import { functionSpec } from "./execution_fixtures.ts";

const scratch = process.argv[2];
const codeDir = join(scratch, "spinner");
await mkdir(codeDir, { recursive: true });
await writeFile(
  join(codeDir, "index.js"),
  `exports.handler = () => { require("node:fs").writeFileSync(${
    JSON.stringify(join(scratch, "pid"))
  }, String(process.pid)); for (;;) {} };`,
);
const executor = createProcessExecutor({
  account: {
    accountId: "000000000000",
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    dataDir: join(scratch, "data"),
    endpoint: () => "http://127.0.0.1:9",
  },
  concurrency: 1,
  functionStartTimeoutMs: 10_000,
  idleMs: 60_000,
});
const spec = functionSpec(codeDir, { timeoutSeconds: 900 });
void executor.invoke(spec, {
  requestId: "spin",
  payload: new TextEncoder().encode("{}"),
  invokedFunctionArn: spec.functionArn,
});
console.log("started");
