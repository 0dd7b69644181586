import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { InvokeError } from "../../mod.ts";
import { startExecutorBed } from "../support/executor_bed.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

/** Appends the task's index to a file, so every execution leaves a mark. */
const mark = async (path: string, index: number): Promise<number> => {
  const fs = await import("node:fs");
  fs.appendFileSync(path, `${index}\n`);
  return index;
};

const TASKS = 200;
const INVOCATIONS = { service: "lambda", method: "POST", path: /\/invocations$/ } as const;

function executions(path: string): Map<number, number> {
  const seen = new Map<number, number>();
  for (const line of readFileSync(path, "utf8").split("\n").filter(Boolean)) {
    seen.set(Number(line), (seen.get(Number(line)) ?? 0) + 1);
  }
  return seen;
}

describe("exactly once", () => {
  const dir = tempDirForSuite("exactly-once-test");

  test("map() runs each of 200 tasks exactly once at an account concurrency of 20", async () => {
    await using bed = await startExecutorBed({}, { concurrency: 20 });
    const marks = join(dir, "plain.log");
    writeFileSync(marks, "");
    const executor = bed.executor();
    const inputs = Array.from({ length: TASKS }, (_, i) => [marks, i] as [string, number]);
    deepEqual(await executor.map(mark, inputs), inputs.map(([, i]) => i));
    const seen = executions(marks);
    equal(seen.size, TASKS);
    ok([...seen.values()].every((n) => n === 1), "no task ran twice");
    await executor.close();
    deepEqual(await bed.objectKeys(), []);
  });

  test("map() runs throttled tasks once each after waiting, never twice", async () => {
    await using bed = await startExecutorBed({}, { concurrency: 20 });
    const marks = join(dir, "throttled.log");
    writeFileSync(marks, "");
    const throttles = bed.aws.faults.add({
      ...INVOCATIONS,
      times: 30,
      error: { status: 429, code: "TooManyRequestsException", message: "Rate Exceeded." },
    });
    const inputs = Array.from({ length: TASKS }, (_, i) => [marks, i] as [string, number]);
    deepEqual(await bed.executor().map(mark, inputs), inputs.map(([, i]) => i));
    equal(throttles.hits, 30);
    const seen = executions(marks);
    equal(seen.size, TASKS);
    ok([...seen.values()].every((n) => n === 1));
  });

  test("map() never re-sends an invocation that failed with a 5xx, and says it may have run", async () => {
    await using bed = await startExecutorBed({}, { concurrency: 20 });
    const marks = join(dir, "failing.log");
    writeFileSync(marks, "");
    bed.aws.faults.add({ ...INVOCATIONS, times: 10, error: { status: 500, code: "ServiceException" } });
    const inputs = Array.from({ length: TASKS }, (_, i) => [marks, i] as [string, number]);
    const results = await bed.executor().map(mark, inputs, { settle: true });
    const rejected = results.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
    equal(rejected.length, 10);
    ok(rejected.every((e) => e instanceof InvokeError && e.mayHaveRun), String(rejected[0]));
    const seen = executions(marks);
    equal(seen.size, TASKS - 10, "the refused invocations never ran");
    ok([...seen.values()].every((n) => n === 1));
  });

  test("map() reports a broken connection as may-have-run and does not run the task again", async () => {
    await using bed = await startExecutorBed({}, { concurrency: 20 });
    const marks = join(dir, "dropped.log");
    writeFileSync(marks, "");
    bed.aws.faults.add({ ...INVOCATIONS, times: 5, dropConnection: "afterServing" });
    const inputs = Array.from({ length: 50 }, (_, i) => [marks, i] as [string, number]);
    const results = await bed.executor().map(mark, inputs, { settle: true });
    const rejected = results.flatMap((r) => r.status === "rejected" ? [r.reason] : []);
    equal(rejected.length, 5);
    ok(rejected.every((e) => e instanceof InvokeError && e.mayHaveRun));
    const seen = executions(marks);
    equal(seen.size, 50, "the dropped invocations did run, once");
    ok([...seen.values()].every((n) => n === 1));
  });
});
