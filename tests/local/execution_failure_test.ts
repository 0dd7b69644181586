import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, loggedPid, processGone, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

describe("process executor: timeouts, crashes and failed starts", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => {
    ({ scratch, executor, close } = await startScratchExecutor({ functionStartTimeoutMs: 1_000 }));
  });
  after(() => close());

  test("invoke() times out at the function timeout, kills the process and starts a new one next", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.mjs": `let calls = 0;
        export const handler = async (event) => {
          calls++;
          console.log("pid=" + process.pid);
          if (event.hang) await new Promise(() => setInterval(() => {}, 1000));
          return calls;
        };`,
      }),
      { timeoutSeconds: 1 },
    );
    await invoke(executor, spec, {}); // warm the environment up, so the timeout excludes the start
    const started = Date.now();
    const { requestId, result, body } = await invoke(executor, spec, { hang: true });
    const elapsed = Date.now() - started;
    ok(elapsed >= 1000 && elapsed < 1500, `answered after ${elapsed} ms`);
    equal(result.outcome, "error");
    deepEqual(body, {
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds`,
    });
    // AWS's current format: no "Task timed out" line, only the REPORT status.
    ok(!result.log.includes("Task timed out"));
    match(
      result.log,
      new RegExp(`\\nEND RequestId: ${requestId}\\nREPORT RequestId: .*\\tStatus: timeout\\t\\n$`),
    );
    ok(await processGone(loggedPid(result.log)), "the timed-out process is gone");
    const next = await invoke(executor, spec, {});
    equal(next.body, 1, "a new process serves the next invocation");
  });

  test("invoke() reports Runtime.OutOfMemory when the heap limit of the memory size is exceeded", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.js": `exports.handler = async () => {
          console.log("pid=" + process.pid);
          const hoard = [];
          for (;;) hoard.push(new Array(100000).fill(Math.random()));
        };`,
      }),
      { memoryMb: 128 },
    );
    const { requestId, result, body } = await invoke(executor, spec);
    equal(result.outcome, "error");
    deepEqual(body, {
      errorType: "Runtime.OutOfMemory",
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
    });
    match(
      result.log,
      /Max Memory Used: 128 MB\t(Init Duration: [\d.]+ ms\t)?Status: error\tError Type: Runtime.OutOfMemory\t\n$/,
    );
    ok(await processGone(loggedPid(result.log)));
  });

  test("invoke() reports Runtime.ExitError when the process exits during an invocation", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.js": `exports.handler = async (event) => {
          console.log("pid=" + process.pid);
          if (event.signal) process.kill(process.pid, event.signal);
          process.exit(event.code);
        };`,
      }),
    );
    const three = await invoke(executor, spec, { code: 3 });
    equal(three.result.outcome, "error");
    deepEqual(three.body, {
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${three.requestId} Error: Runtime exited with error: exit status 3`,
    });
    // AWS's current format: only the REPORT line says it.
    match(
      three.result.log,
      /\nEND RequestId: \S+\nREPORT .*\tStatus: error\tError Type: Runtime.ExitError\t\n$/,
    );
    ok(await processGone(loggedPid(three.result.log)));

    const zero = await invoke(executor, spec, { code: 0 });
    equal(
      zero.body.errorMessage,
      `RequestId: ${zero.requestId} Error: Runtime exited without providing a reason`,
    );
    const killed = await invoke(executor, spec, { signal: "SIGKILL" });
    equal(
      killed.body.errorMessage,
      `RequestId: ${killed.requestId} Error: Runtime exited with error: signal: killed`,
    );
  });

  test("invoke() times out and kills both processes when the init never asks for an event", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.js": `console.log("pid=" + process.pid); for (;;) {}`,
      }),
      { timeoutSeconds: 1 },
    );
    const { requestId, result, body } = await invoke(executor, spec);
    deepEqual(body, {
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds`,
    });
    const pids = [...result.log.matchAll(/pid=(\d+)/g)].map((found) => Number(found[1]));
    equal(pids.length, 2, "the init ran, then ran again inside the invocation");
    for (const pid of pids) ok(await processGone(pid));
  });

  test("invoke() returns the init error of a module that throws, and retries init on the next invoke", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.mjs": `console.log("pid=" + process.pid); throw new Error("config missing");`,
      }),
    );
    const first = await invoke(executor, spec);
    equal(first.result.outcome, "error");
    equal(first.body.errorType, "Error");
    equal(first.body.errorMessage, "config missing");
    equal(first.body.trace[0], "Error: config missing");
    // The new environment's INIT_START, then the init's own output.
    match(
      first.result.log,
      /^INIT_START Runtime Version: nodejs:22\.v1\t[^\n]*\n.*undefined\tINFO\tpid=\d+\n/,
    );
    match(first.result.log, /Error Type: Runtime.Unknown/);
    ok(await processGone(loggedPid(first.result.log)));
    const second = await invoke(executor, spec);
    equal(second.body.errorMessage, "config missing");
    ok(loggedPid(second.result.log) !== loggedPid(first.result.log), "init ran again in a new process");
  });
});
