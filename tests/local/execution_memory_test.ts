import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import process from "node:process";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

const linux = process.platform === "linux" ? false : "the resident set is read from /proc (Linux only)";

describe("memory size enforced on the whole process", { skip: linux }, () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => ({ scratch, executor, close } = await startScratchExecutor()));
  after(() => close());

  test("invoke() ends with Runtime.OutOfMemory when Buffers outside the V8 heap pass the memory size", async () => {
    // Buffers live off the V8 heap, so only a resident-set limit stops them; without one the
    // handler would reach 384 MB and answer.
    const codeDir = await scratch.code({
      "index.mjs": `export const handler = async () => {
        const kept = [];
        while (kept.length < 48) {
          kept.push(Buffer.alloc(8 * 1024 * 1024, 1));
          await new Promise((resolve) => setImmediate(resolve));
        }
        return kept.length;
      };`,
    });
    const { requestId, result, body } = await invoke(executor, functionSpec(codeDir, { memoryMb: 128 }));
    equal(result.outcome, "error");
    deepEqual(body, {
      errorType: "Runtime.OutOfMemory",
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
    });
    match(
      result.log,
      /Max Memory Used: 128 MB\t(Init Duration: [\d.]+ ms\t)?Status: error\tError Type: Runtime.OutOfMemory\t\n$/,
    );
  });

  test("invoke() reports the real peak resident set as Max Memory Used when the function stays under its size", async () => {
    const codeDir = await scratch.code({
      "index.mjs": `export const handler = async () => {
        const held = Buffer.alloc(96 * 1024 * 1024, 1);
        return held.length;
      };`,
    });
    const { result } = await invoke(executor, functionSpec(codeDir, { memoryMb: 512 }));
    equal(result.outcome, "success");
    const used = Number(/Max Memory Used: (\d+) MB/.exec(result.log)?.[1]);
    ok(used >= 96 && used < 512, `Max Memory Used ${used} MB should count the 96 MB Buffer`);
  });
});
