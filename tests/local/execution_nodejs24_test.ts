import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

// The rules of AWS's Node 24 runtime (RIC 4.x): src/function/callback-deprecation.ts,
// src/function/handler-resolver.ts, src/context/context-builder.ts,
// src/runtime/buffered-invoke-processor.ts. Node 22 keeps RIC 3.x's rules.
describe("nodejs24.x handler rules", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => ({ scratch, executor, close } = await startScratchExecutor()));
  after(() => close());

  const run = async (files: Record<string, string>, runtime = "nodejs24.x") =>
    await invoke(executor, functionSpec(await scratch.code(files), { runtime }), { n: 2 });

  test("invoke() fails with Runtime.CallbackHandlerDeprecated when a nodejs24.x handler takes a callback", async () => {
    const { result, body } = await run({
      "index.js": "exports.handler = (event, context, callback) => callback(null, 'old');",
    });
    equal(result.outcome, "error");
    equal(body.errorType, "Runtime.CallbackHandlerDeprecated");
    equal(
      body.errorMessage,
      "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. " +
        "You need to modify this function to use a supported handler signature to use Node.js 24 or later. " +
        "For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.",
    );
    match(result.log, /\tERROR\tInit Error \t\{"errorType":"Runtime.CallbackHandlerDeprecated"/);
  });

  test("invoke() still calls back when a nodejs22.x handler takes a callback", async () => {
    const { result, body } = await run(
      { "index.js": "exports.handler = (event, context, callback) => callback(null, 'old');" },
      "nodejs22.x",
    );
    equal(result.outcome, "success");
    equal(body, "old");
  });

  test("invoke() answers a nodejs24.x non-async handler's return value", async () => {
    const { result, body } = await run({
      "index.js": "exports.handler = (event) => ({ doubled: event.n * 2 });",
    });
    equal(result.outcome, "success");
    deepEqual(body, { doubled: 4 });
  });

  test("invoke() answers null when a nodejs22.x non-async handler returns a value", async () => {
    const { body } = await run(
      { "index.js": "exports.handler = (event) => ({ doubled: event.n * 2 });" },
      "nodejs22.x",
    );
    equal(body, null);
  });

  test("invoke() finds a nodejs24.x handler in the default export", async () => {
    const { result, body } = await run({
      "index.mjs": "export default { handler: async () => 'from default' };",
    });
    equal(result.outcome, "success");
    equal(body, "from default");
  });

  test("invoke() fails with Runtime.HandlerNotFound when a nodejs22.x handler is only in the default export", async () => {
    const { body } = await run({ "index.mjs": "export default { handler: async () => 'x' };" }, "nodejs22.x");
    equal(body.errorType, "Runtime.HandlerNotFound");
  });

  test("invoke() gives a nodejs24.x handler a context without succeed, fail, done", async () => {
    const { body } = await run({
      "index.mjs": `export const handler = async (event, context) => ({
        keys: ["succeed", "fail", "done", "callbackWaitsForEmptyEventLoop"].filter((key) => key in context),
        remaining: context.getRemainingTimeInMillis() > 0,
        name: context.functionName,
      });`,
    });
    deepEqual(body.keys, []);
    equal(body.remaining, true);
    ok(body.name);
  });

  test("invoke() reports a thrown error when a nodejs24.x non-async handler throws", async () => {
    const { result, body } = await run({
      "index.js": "exports.handler = () => { throw new TypeError('bad'); };",
    });
    equal(result.outcome, "error");
    equal(body.errorType, "TypeError");
    equal(body.errorMessage, "bad");
  });
});
