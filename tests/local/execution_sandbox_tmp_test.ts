import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

// S: LS-snap test_lambda_invoke_timed_out_environment_reuse (recorded against AWS, 2024-04):
// after a timeout the runtime restarts (module state back to zero) and /tmp is still there.
const SOURCE = `import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
let calls = 0;
export const handler = async (event) => {
  calls += 1;
  const file = join(tmpdir(), "marker");
  const found = existsSync(file);
  writeFileSync(file, "x");
  if (event.hang) await new Promise(() => setInterval(() => {}, 1000));
  return { calls, found };
};`;

describe("each environment's /tmp", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => ({ scratch, executor, close } = await startScratchExecutor()));
  after(() => close());

  test("invoke() keeps /tmp but restarts the runtime when the previous invocation timed out", async () => {
    const spec = functionSpec(await scratch.code({ "index.mjs": SOURCE }), { timeoutSeconds: 1 });
    deepEqual((await invoke(executor, spec)).body, { calls: 1, found: false });
    equal((await invoke(executor, spec, { hang: true })).body.errorType, "Sandbox.Timedout");
    deepEqual((await invoke(executor, spec)).body, { calls: 1, found: true });
  });

  test("invoke() gives another function an empty /tmp when one function wrote to its own", async () => {
    const code = await scratch.code({ "index.mjs": SOURCE });
    deepEqual((await invoke(executor, functionSpec(code))).body, { calls: 1, found: false });
    deepEqual((await invoke(executor, functionSpec(code))).body, { calls: 1, found: false });
  });
});
