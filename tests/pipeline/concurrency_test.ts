import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { startExecutorBed } from "../support/executor_bed.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

/**
 * A barrier: each task notes its start, then waits until `expected` tasks have started (or
 * its own deadline passes) and returns how many it saw.
 */
const barrier = async (path: string, expected: number, deadlineMs: number): Promise<number> => {
  const fs = await import("node:fs");
  fs.appendFileSync(path, "x");
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const started = fs.readFileSync(path, "utf8").length;
    if (started >= expected) return started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return fs.readFileSync(path, "utf8").length;
};

describe("concurrency", () => {
  const dir = tempDirForSuite("concurrency-test");

  test("map() has all 120 tasks in flight together when maxConcurrency is 120", async () => {
    // 120 cold starts at once on a small machine take a while: give each process a minute to start.
    await using bed = await startExecutorBed({ maxConcurrency: 120, timeout: 60 }, {
      concurrency: 130,
      functionStartTimeoutMs: 60_000,
    });
    const starts = join(dir, "starts");
    writeFileSync(starts, "");
    const inputs = Array.from({ length: 120 }, () => [starts, 120, 45_000] as [string, number, number]);
    const seen = await bed.executor().map(barrier, inputs);
    deepEqual(seen, inputs.map(() => 120), "every task saw all 120 started before it finished");
  });

  test("run() starts a task's timeout only once it holds a permit, not while it queues", async () => {
    await using bed = await startExecutorBed({ maxConcurrency: 2, timeout: 3 });
    const executor = bed.executor();
    const sleep = (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms));
    const results = await Promise.all(Array.from({ length: 6 }, () => executor.run(sleep, [2_000])));
    equal(results.length, 6);
  });
});
