import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { AWSLambdaExecutor } from "../../mod.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("AWSLambdaExecutor.run() value round trips", () => {
  let bed: ExecutorBed;
  let executor: AWSLambdaExecutor;
  before(async () => {
    bed = await startExecutorBed();
    executor = bed.executor();
  });
  after(() => bed.close());

  test("run() returns rich values unchanged when the task echoes its arguments", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const bytes = new Uint8Array([1, 2, 255]);
    const args = [
      new Date("2026-11-25T09:00:00.000Z"),
      new Map<unknown, unknown>([["a", 1], [2, new Set(["x"])]]),
      12345678901234567890n,
      bytes,
      new Float64Array([1.5, -0]),
      undefined,
      Number.NaN,
      cyclic,
      new RangeError("kept", { cause: new Error("inner") }),
    ] as const;
    const echoed = await executor.run((...values: unknown[]) => values, [...args]);
    equal(echoed.length, args.length);
    deepEqual(echoed[0], args[0]);
    deepEqual(echoed[1], args[1]);
    equal(echoed[2], args[2]);
    deepEqual(echoed[3], bytes);
    ok(echoed[4] instanceof Float64Array && Object.is(echoed[4][1], -0));
    equal(echoed[5], undefined);
    ok(Number.isNaN(echoed[6]));
    const loop = echoed[7] as Record<string, unknown>;
    equal(loop.self, loop, "the cycle is preserved");
    const error = echoed[8] as RangeError;
    ok(error instanceof RangeError);
    equal(error.message, "kept");
    equal((error.cause as Error).message, "inner");
  });

  test("run() computes on Lambda when the task uses its arguments", async () => {
    const total = await executor.run((xs: number[]) => xs.reduce((a, b) => a + b, 0), [[1, 2, 3, 4]]);
    equal(total, 10);
  });

  test("run() awaits async tasks and can use dynamic imports of node built-ins", async () => {
    const digest = await executor.run(async (text: string) => {
      const { createHash } = await import("node:crypto");
      return createHash("sha256").update(text).digest("hex").slice(0, 8);
    }, ["abc"]);
    equal(digest, "ba7816bf");
  });
});
