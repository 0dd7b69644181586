import { DeleteFunctionCommand } from "@aws-sdk/client-lambda";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { runOnLambda } from "../../mod.ts";
import { lambdaClient, rejection } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

function cacheFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) =>
    e.name
  );
}

const INVOCATIONS = { service: "lambda", method: "POST", path: /\/invocations$/ } as const;

describe("executor cleanup", () => {
  let bed: ExecutorBed;
  before(async () => (bed = await startExecutorBed()));
  after(() => bed.close());

  test("runOnLambda() leaves no object or cache file, and keeps the shared function, when cleanup is on", async () => {
    equal(await runOnLambda((a: number) => a + 1, [1], bed.options), 2);
    deepEqual(await bed.objectKeys(), []);
    equal((await bed.functionNames()).length, 1, "the shared function stays for the next executor");
    deepEqual(cacheFiles(bed.options.cacheDir!).filter((f) => f !== "bundle.mjs"), []);
  });

  test("runOnLambda() with function_per_task leaves no function behind", async () => {
    await using fresh = await startExecutorBed({ functionPerTask: true });
    equal(await runOnLambda((a: number) => a + 1, [1], fresh.options), 2);
    deepEqual(await fresh.functionNames(), []);
    deepEqual(await fresh.objectKeys(), []);
  });

  test("runOnLambda() keeps a spilled run's objects in the bucket when cleanup is off", async () => {
    const big = "z".repeat(50_000);
    const options = { ...bed.options, cleanup: false, inlineLimit: 8192 };
    equal(await runOnLambda((s: string) => s + s, [big], options), big + big);
    const keys = await bed.objectKeys();
    ok(
      keys.some((k) => k.endsWith("/args.bin")) && keys.some((k) => k.endsWith("/outcome.bin")),
      keys.join(),
    );
    ok(cacheFiles(bed.options.cacheDir!).includes("answer.json"));
  });

  test("run() leaves nothing behind when its AbortSignal fires during the invocation", async () => {
    await using fresh = await startExecutorBed();
    const executor = fresh.executor();
    const invoked = fresh.aws.faults.add({ ...INVOCATIONS, delayMs: 0 });
    const controller = new AbortController();
    const running = executor.run(() => new Promise((resolve) => setTimeout(resolve, 6_000, "late")), [], {
      signal: controller.signal,
    });
    while (invoked.hits === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort(new Error("user gave up"));
    const error = await rejection(running);
    equal(error.message, "user gave up");
    await executor.close();
    deepEqual(await fresh.objectKeys(), [], "the durable outcome the abandoned task wrote was removed");
    deepEqual(cacheFiles(fresh.options.cacheDir!), []);
  });

  test("two executors running at once share one deployed function, and closing keeps it", async () => {
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
    await first.close();
    equal(await second.run((x: number) => x * 6, [1]), 6, "one executor closing never pulls the function");
    await second.close();
    equal((await fresh.functionNames()).length, 1);
  });

  test("run() deploys again when someone deleted the shared function under it", async () => {
    await using fresh = await startExecutorBed();
    const executor = fresh.executor();
    equal(await executor.run(() => 1, []), 1);
    const [name] = await fresh.functionNames();
    const lambda = lambdaClient(fresh.aws);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    lambda.destroy();
    equal(await executor.run(() => 3, []), 3);
    deepEqual(await fresh.functionNames(), [name]);
  });
});
