import {
  deepStrictEqual as deepEqual,
  notStrictEqual as notEqual,
  ok,
  rejects,
  strictEqual as equal,
} from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { after, before, describe, test } from "node:test";
import { createProcessExecutor } from "../../src/local/execution/process_executor.ts";
import { ConcurrencyLimitExceeded, type FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import {
  createScratch,
  functionSpec,
  invoke,
  loggedPid,
  processExists,
  processGone,
  type Scratch,
} from "../support/execution_fixtures.ts";
import { scratchExecutor } from "../support/scratch_executor.ts";

// Reports its pid and a module-level counter; sleeps `event.sleepMs` first, after creating
// `event.startedFile` so a test knows the event reached the handler.
const COUNTER = `import { writeFileSync } from "node:fs";
let calls = 0;
export const handler = async (event) => {
  calls++;
  console.log("pid=" + process.pid);
  if (event.startedFile) writeFileSync(event.startedFile, "started");
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return { calls, pid: process.pid };
};`;

async function fileAppears(path: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await readFile(path, "utf8").then(() => true, () => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe("process executor: environments and their lifecycle", () => {
  let scratch: Scratch;
  let codeDir: string;
  const executors: FunctionExecutor[] = [];
  const executor = (overrides: { concurrency?: number; idleMs?: number } = {}) => {
    const created = scratchExecutor(scratch, overrides);
    executors.push(created);
    return created;
  };
  before(async () => {
    scratch = await createScratch();
    codeDir = await scratch.code({ "index.mjs": COUNTER });
  });
  after(async () => {
    await Promise.all(executors.map((each) => each.close()));
    await scratch.remove();
  });

  test("invoke() reuses a warm environment: module state survives and only the first start is cold", async () => {
    const lambda = executor();
    const spec = functionSpec(codeDir);
    const first = await invoke(lambda, spec);
    const second = await invoke(lambda, spec);
    const third = await invoke(lambda, spec);
    deepEqual([first.body.calls, second.body.calls, third.body.calls], [1, 2, 3]);
    equal(second.body.pid, first.body.pid);
    equal(third.body.pid, first.body.pid);
    ok(first.result.log.includes("\tInit Duration: "));
    ok(!second.result.log.includes("Init Duration"));
    const other = await invoke(lambda, { ...spec, revisionId: "another-revision" });
    notEqual(other.body.pid, first.body.pid, "another revision gets its own environment");
  });

  test("invoke() runs parallel invocations in separate environments", async () => {
    const lambda = executor();
    const spec = functionSpec(codeDir);
    const [a, b] = await Promise.all([
      invoke(lambda, spec, { sleepMs: 200 }),
      invoke(lambda, spec, { sleepMs: 200 }),
    ]);
    notEqual(a.body.pid, b.body.pid);
    deepEqual([a.body.calls, b.body.calls], [1, 1]);
  });

  test("invoke() throws ConcurrencyLimitExceeded beyond the account's concurrency", async () => {
    const lambda = executor({ concurrency: 1 });
    const spec = functionSpec(codeDir);
    const running = invoke(lambda, spec, { sleepMs: 300 });
    equal(lambda.busyCount(), 1);
    await rejects(invoke(lambda, functionSpec(codeDir)), (error: unknown) => {
      ok(error instanceof ConcurrencyLimitExceeded);
      equal(error.reason, "ConcurrentInvocationLimitExceeded");
      return true;
    });
    equal((await running).body.calls, 1);
    equal(lambda.busyCount(), 0);
    equal((await invoke(lambda, spec)).body.calls, 2, "free again once the first one is done");
  });

  test("invoke() throttles every invocation of a function with reserved concurrency 0", async () => {
    const lambda = executor();
    await rejects(invoke(lambda, functionSpec(codeDir, { reservedConcurrency: 0 })), (error: unknown) => {
      ok(error instanceof ConcurrencyLimitExceeded);
      equal(error.reason, "ReservedFunctionConcurrentInvocationLimitExceeded");
      return true;
    });
    equal(lambda.busyCount(), 0);
  });

  test("invoke() throws ConcurrencyLimitExceeded beyond a function's reserved concurrency", async () => {
    const lambda = executor();
    const spec = functionSpec(codeDir, { reservedConcurrency: 1 });
    const running = invoke(lambda, spec, { sleepMs: 200 });
    await rejects(invoke(lambda, spec), { reason: "ReservedFunctionConcurrentInvocationLimitExceeded" });
    const unrelated = await invoke(lambda, functionSpec(codeDir));
    equal(unrelated.result.outcome, "success", "other functions are not limited by it");
    await running;
  });

  test("retire() without a revision kills idle and busy environments of the function", async () => {
    const lambda = executor();
    const spec = functionSpec(codeDir);
    const idle = await invoke(lambda, spec);
    const busy = invoke(lambda, spec, { sleepMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bystander = await invoke(lambda, functionSpec(codeDir));
    await lambda.retire(spec.functionName);
    ok(!processExists(idle.body.pid), "the idle process is gone");
    const interrupted = await busy;
    equal(interrupted.result.outcome, "error");
    equal(interrupted.body.errorType, "Runtime.ExitError");
    equal(
      interrupted.body.errorMessage,
      `RequestId: ${interrupted.requestId} Error: Runtime exited with error: signal: killed`,
    );
    ok(processExists(bystander.body.pid), "other functions keep their environments");
    equal(lambda.busyCount(), 0);
  });

  test("retire() with a revision to keep ends other revisions, busy ones after their invocation", async () => {
    const lambda = executor();
    const old = functionSpec(codeDir);
    const current = { ...old, revisionId: "current" };
    const warmed = await Promise.all([
      invoke(lambda, old, { sleepMs: 100 }),
      invoke(lambda, old, { sleepMs: 100 }),
    ]);
    const oldBusy = invoke(lambda, old, { sleepMs: 400 });
    const kept = await invoke(lambda, current);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await lambda.retire(old.functionName, current.revisionId);
    const finished = await oldBusy;
    const idlePid = warmed.map(({ body }) => body.pid).find((pid) => pid !== finished.body.pid);
    ok(idlePid !== undefined && !processExists(idlePid), "the idle old revision was gone at once");
    equal(finished.result.outcome, "success", "the busy old revision finishes its invocation");
    ok(await processGone(finished.body.pid), "and ends afterwards");
    equal((await invoke(lambda, current)).body.pid, kept.body.pid, "the kept revision stays warm");
  });

  test("idle environments are ended after idleMs", async () => {
    const lambda = executor({ idleMs: 150 });
    const spec = functionSpec(codeDir);
    const first = await invoke(lambda, spec);
    ok(await processGone(first.body.pid, 1_500), "the idle process was reaped");
    const next = await invoke(lambda, spec);
    equal(next.body.calls, 1);
    ok(next.result.log.includes("Init Duration"));
  });

  test("close() kills every process and refuses further invocations", async () => {
    const lambda = createProcessExecutor({
      account: scratch.account(),
      concurrency: 10,
      functionStartTimeoutMs: 10_000,
      idleMs: 60_000,
    });
    const idle = await Promise.all([
      invoke(lambda, functionSpec(codeDir)),
      invoke(lambda, functionSpec(codeDir)),
    ]);
    const startedFile = join(scratch.dir, "busy-started");
    const busy = invoke(lambda, functionSpec(codeDir), { sleepMs: 10_000, startedFile });
    ok(await fileAppears(startedFile, 10_000), "the busy invocation reached its handler");
    await lambda.close();
    for (const { body } of idle) ok(!processExists(body.pid), `process ${body.pid} is gone`);
    const interrupted = await busy;
    equal(interrupted.body.errorType, "Runtime.ExitError");
    ok(!processExists(loggedPid(interrupted.result.log)), "the busy process is gone");
    await rejects(invoke(lambda, functionSpec(codeDir)), /closed/);
  });

  test("function processes end when the executor's process dies", async () => {
    const parent = spawn(
      process.execPath,
      ["run", "-A", join(import.meta.dirname!, "../support/execution_orphan_parent.ts"), scratch.dir],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const pidFile = join(scratch.dir, "pid");
    let pid: number | undefined;
    for (let tries = 0; tries < 200 && pid === undefined; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      pid = await readFile(pidFile, "utf8").then(Number, () => undefined);
    }
    ok(pid !== undefined && processExists(pid), "the function is spinning");
    parent.kill("SIGKILL");
    await new Promise((resolve) => parent.once("exit", resolve));
    ok(await processGone(pid, 3_000), "the spinning function died with its parent");
  });
});
