import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { rejection } from "../support/aws_clients.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

/** Aborts a run while its new function is still Pending, then closes the executor. */
async function abortWhilePending(functionPerTask: boolean) {
  // A function stays Pending for 5 s: long enough to abort in the middle of the deploy.
  await using bed = await startExecutorBed({ functionPerTask }, { pendingMs: 5_000 });
  const executor = bed.executor();
  const controller = new AbortController();
  const running = executor.run(() => 1, [], { signal: controller.signal });
  while ((await bed.functionNames()).length === 0) await new Promise((r) => setTimeout(r, 25));
  controller.abort(new Error("stop while deploying"));
  equal((await rejection(running)).message, "stop while deploying");
  await executor.close();
  return { functions: await bed.functionNames(), objects: await bed.objectKeys() };
}

describe("deploy interrupted", () => {
  test("run() aborted while the shared function is Pending leaves only the shared function", async () => {
    const left = await abortWhilePending(false);
    equal(left.functions.length, 1, "the shared function stays, as after any run");
    deepEqual(left.objects, []);
  });

  test("run() aborted while its own function is Pending leaves no function (function per task)", async () => {
    deepEqual(await abortWhilePending(true), { functions: [], objects: [] });
  });
});
