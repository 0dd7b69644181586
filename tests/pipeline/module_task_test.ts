import { strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type AWSLambdaExecutor, moduleTask } from "../../mod.ts";
import type { readTitle } from "./fixtures/tasks.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("moduleTask()", () => {
  let bed: ExecutorBed;
  let executor: AWSLambdaExecutor;
  before(async () => {
    bed = await startExecutorBed();
    executor = bed.executor();
  });
  after(() => bed.close());

  test("moduleTask() runs an export that imports a relative file and an npm package", async () => {
    const task = moduleTask<typeof readTitle>(new URL("./fixtures/tasks.ts", import.meta.url), "readTitle");
    const title: string = await executor.run(task, ['title = "hello"']);
    equal(title, "HELLO!");
  });

  test("moduleTask() calls the default export when no export name is given", async () => {
    const task = moduleTask<(n: number) => number>(new URL("./fixtures/tasks.ts", import.meta.url));
    equal(await executor.run(task, [21]), 42);
  });
});
