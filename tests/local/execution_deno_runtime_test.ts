import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, processGone, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

// The fallback for machines without node: the running Deno executes the bootstrap.
describe("process executor on Deno's Node compatibility", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => {
    ({ scratch, executor, close } = await startScratchExecutor({ concurrency: 5, runtime: "deno" }));
  });
  after(() => close());

  test("invoke() runs a CommonJS handler under Deno and reuses the warm process", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.js": `let calls = 0;
        exports.handler = async (event) => ({ calls: ++calls, deno: typeof Deno, tz: process.env.TZ, event });`,
      }),
    );
    const first = await invoke(executor, spec, { a: 1 });
    const second = await invoke(executor, spec, { a: 2 });
    equal(first.result.outcome, "success", first.result.log);
    deepEqual(first.body, { calls: 1, deno: "object", tz: ":UTC", event: { a: 1 } });
    equal(second.body.calls, 2);
  });

  test("invoke() reports an ES module handler's error and console lines under Deno", async () => {
    const { requestId, result, body } = await invoke(
      executor,
      functionSpec(
        await scratch.code({
          "index.mjs":
            `export const handler = async () => { console.log("about to fail"); throw new Error("deno boom"); };`,
        }),
      ),
    );
    equal(result.outcome, "error");
    equal(body.errorType, "Error");
    equal(body.errorMessage, "deno boom");
    match(result.log, new RegExp(`\\t${requestId}\\tINFO\\tabout to fail\\n`));
  });

  test("invoke() waits for an empty event loop after callback() under Deno", async () => {
    const started = Date.now();
    const { body } = await invoke(
      executor,
      functionSpec(
        await scratch.code({
          "index.js": `exports.handler = (event, context, callback) => {
          setTimeout(() => {}, 300);
          callback(null, "after the timer");
        };`,
        }),
      ),
    );
    equal(body, "after the timer");
    ok(Date.now() - started >= 300);
  });

  test("invoke() times out and kills the Deno process", async () => {
    const { result, body } = await invoke(
      executor,
      functionSpec(
        await scratch.code({
          "index.mjs":
            `export const handler = async () => { console.log("pid=" + process.pid); for (;;) {} };`,
        }),
        { timeoutSeconds: 1 },
      ),
    );
    equal(body.errorType, "Sandbox.Timedout");
    ok(await processGone(Number(/pid=(\d+)/.exec(result.log)![1])));
  });
});
