import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { runOnLambda } from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

function cacheFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) =>
    e.name
  );
}

describe("executor cleanup", () => {
  let bed: ExecutorBed;
  before(async () => (bed = await startExecutorBed()));
  after(() => bed.close());

  test("runOnLambda() leaves zero objects, functions and cache files when cleanup is on", async () => {
    equal(await runOnLambda((a: number) => a + 1, [1], bed.options), 2);
    deepEqual(await bed.objectKeys(), []);
    deepEqual(await bed.functionNames(), []);
    deepEqual(cacheFiles(bed.options.cacheDir!), []);
  });

  test("runOnLambda() leaves objects, the function and the staged files when cleanup is off", async () => {
    equal(await runOnLambda((a: number) => a + 1, [1], { ...bed.options, cleanup: false }), 2);
    const keys = await bed.objectKeys();
    ok(
      keys.some((k) => k.endsWith("/task.json")) && keys.some((k) => k.endsWith("/outcome.json")),
      keys.join(),
    );
    equal((await bed.functionNames()).length, 1);
    ok(cacheFiles(bed.options.cacheDir!).includes("task.json"));
  });

  test("run() leaves nothing behind when its AbortSignal fires mid-poll", async () => {
    await using fresh = await startExecutorBed();
    const executor = fresh.executor();
    const controller = new AbortController();
    const running = executor.run(() => new Promise((resolve) => setTimeout(resolve, 10_000)), [], {
      signal: controller.signal,
    });
    // Wait until the task is staged and invoked, then abort.
    while ((await fresh.objectKeys()).length === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    controller.abort(new Error("user gave up"));
    const error = await rejection(running);
    equal(error.message, "user gave up");
    deepEqual(await fresh.objectKeys(), []);
    await executor.close();
    deepEqual(await fresh.functionNames(), []);
    deepEqual(cacheFiles(fresh.options.cacheDir!), []);
  });

  test("two executors running at once share one deployed function", async () => {
    await using fresh = await startExecutorBed();
    const first = fresh.executor();
    const second = fresh.executor();
    const results = await Promise.all([
      first.run((x: number) => x * 2, [1]),
      second.run((x: number) => x * 3, [1]),
      first.run((x: number) => x * 4, [1]),
      second.run((x: number) => x * 5, [1]),
    ]);
    deepEqual(results, [2, 3, 4, 5]);
    equal((await fresh.functionNames()).length, 1);
    await Promise.all([first.close(), second.close()]);
    deepEqual(await fresh.functionNames(), []);
  });

  test("run() deploys again when another executor deleted the shared function under it", async () => {
    await using fresh = await startExecutorBed();
    const creator = fresh.executor();
    const borrower = fresh.executor();
    equal(await creator.run(() => 1, []), 1);
    equal(await borrower.run(() => 2, []), 2, "the borrower reuses the creator's function");
    await creator.close();
    deepEqual(await fresh.functionNames(), [], "the creator removed the function it made");
    equal(await borrower.run(() => 3, []), 3);
    equal((await fresh.functionNames()).length, 1);
    await borrower.close();
    deepEqual(await fresh.functionNames(), [], "the borrower removed the function it re-created");
  });
});
