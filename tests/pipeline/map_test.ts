import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type MapProgress, TaskFailed } from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

const pause = (ms: number, value: number) =>
  new Promise<number>((resolve) => setTimeout(() => resolve(value), ms));

describe("AWSLambdaExecutor.map()", () => {
  let bed: ExecutorBed;
  before(async () => {
    bed = await startExecutorBed({}, { concurrency: 16 });
  });
  after(() => bed.close());

  test("map() returns results in input order whatever order the tasks finish in", async () => {
    const inputs = Array.from({ length: 24 }, (_, i) => [(24 - i) * 10, i] as [number, number]);
    deepEqual(await bed.executor().map(pause, inputs, { concurrency: 8 }), inputs.map(([, i]) => i));
  });

  test("map() with settle returns every result in Promise.allSettled's shape, failures with their index", async () => {
    const results = await bed.executor().map(
      (n: number) => {
        if (n % 3 === 0) throw new RangeError(`no ${n}`);
        return n;
      },
      [[1], [3], [4], [6]],
      { settle: true },
    );
    deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled", "rejected"]);
    const failure = results[1];
    ok(failure.status === "rejected" && failure.reason instanceof TaskFailed);
    equal(failure.reason.index, 1);
    equal(failure.reason.remoteMessage, "no 3");
  });

  test("map() with settle over an async iterable keeps input order, indexes and every outcome", async () => {
    async function* numbers() {
      for (const n of [5, 9, 2, 12, 7]) {
        await pause(1, 0);
        yield [n] as [number];
      }
    }
    const progress: MapProgress[] = [];
    const results = await bed.executor().map(
      (n: number) => {
        if (n % 3 === 0) throw new RangeError(`no ${n}`);
        return n * 10;
      },
      numbers(),
      { settle: true, concurrency: 2, onProgress: (p) => progress.push(p) },
    );
    deepEqual(results.map((r) => (r.status === "fulfilled" ? r.value : r.reason.index)), [50, 1, 20, 3, 70]);
    const last = progress[progress.length - 1];
    deepEqual({ done: last.done, failed: last.failed, running: last.running, total: last.total }, {
      done: 3,
      failed: 2,
      running: 0,
      total: 5,
    });
    deepEqual(await bed.objectKeys(), []);
  });

  test("map() rejects with the first failure annotated with its index and leaves nothing behind", async () => {
    const executor = bed.executor();
    const error = await rejection(
      executor.map(
        (n: number) => {
          if (n === 5) throw new Error("five");
          return new Promise<number>((resolve) => setTimeout(() => resolve(n), 200));
        },
        Array.from({ length: 12 }, (_, i) => [i] as [number]),
        { concurrency: 4 },
      ),
    );
    ok(error instanceof TaskFailed, String(error));
    equal(error.index, 5);
    await executor.close();
    deepEqual(await bed.objectKeys(), []);
  });

  test("map() reports progress up to every item done", async () => {
    const seen: MapProgress[] = [];
    await bed.executor().map((n: number) => n, Array.from({ length: 10 }, (_, i) => [i] as [number]), {
      concurrency: 3,
      onProgress: (p) => seen.push(p),
    });
    deepEqual(seen.at(-1), { done: 10, failed: 0, running: 0, queued: 0, total: 10 });
    ok(seen.every((p) => p.running <= 3), "never more than the concurrency in flight");
    ok(seen.every((p, i) => i === 0 || p.done >= seen[i - 1].done), "done never goes back");
  });

  test("map() reads an async iterable as it goes", async () => {
    let yielded = 0;
    async function* numbers() {
      for (let i = 0; i < 6; i++) {
        yielded++;
        yield [i] as [number];
      }
    }
    deepEqual(await bed.executor().map((n: number) => n * n, numbers(), { concurrency: 2 }), [
      0,
      1,
      4,
      9,
      16,
      25,
    ]);
    equal(yielded, 6);
  });

  test("map() stops on abort, rejecting with the signal's reason, and leaves nothing behind", async () => {
    const executor = bed.executor();
    const controller = new AbortController();
    const stop = new Error("enough");
    const mapping = executor.map(pause, Array.from({ length: 20 }, (_, i) => [300, i] as [number, number]), {
      concurrency: 4,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 4) controller.abort(stop);
      },
    });
    equal(await rejection(mapping), stop);
    await executor.close();
    deepEqual(await bed.objectKeys(), []);
  });
});
