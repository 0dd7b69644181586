import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

describe("process executor: calling handlers", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => ({ scratch, executor, close } = await startScratchExecutor({ concurrency: 20 })));
  after(() => close());

  const run = async (files: Record<string, string>, event: unknown = {}, handler = "index.handler") => {
    const spec = functionSpec(await scratch.code(files), { handler });
    return await invoke(executor, spec, event);
  };

  test("invoke() returns an async ESM handler's value", async () => {
    const { result, body } = await run(
      { "index.mjs": "export const handler = async (event) => ({ echo: event, type: typeof require });" },
      { a: [1, 2] },
    );
    equal(result.outcome, "success");
    deepEqual(body, { echo: { a: [1, 2] }, type: "undefined" });
  });

  test("invoke() answers null when an async handler returns undefined", async () => {
    const { result, body } = await run({ "index.mjs": "export const handler = async () => {};" });
    equal(result.outcome, "success");
    equal(body, null);
  });

  test("invoke() resolves the promise a plain CommonJS handler returns", async () => {
    const { body } = await run({ "index.js": "exports.handler = (event) => Promise.resolve(event.n * 2);" }, {
      n: 21,
    });
    equal(body, 42);
  });

  test("invoke() answers with the callback's value once the event loop is empty", async () => {
    const started = Date.now();
    const { result, body } = await run({
      "index.js": `exports.handler = (event, context, callback) => {
        setTimeout(() => console.log("timer ran"), 300);
        callback(null, { waited: context.callbackWaitsForEmptyEventLoop });
      };`,
    });
    equal(result.outcome, "success");
    deepEqual(body, { waited: true });
    ok(Date.now() - started >= 300, "the response waited for the pending timer");
    match(result.log, /INFO\ttimer ran/);
  });

  test("invoke() answers at once when callbackWaitsForEmptyEventLoop is false", async () => {
    const started = Date.now();
    const { body } = await run({
      "index.js": `exports.handler = (event, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = false;
        setTimeout(() => {}, 2000);
        callback(null, "fast");
      };`,
    });
    equal(body, "fast");
    ok(Date.now() - started < 1500, "the pending timer was not waited for");
  });

  test("invoke() answers null when a callback handler returns without calling back", async () => {
    const { result, body } = await run({ "index.js": "exports.handler = () => 'ignored';" });
    equal(result.outcome, "success");
    equal(body, null);
  });

  test("invoke() reports a thrown Error as AWS's error JSON with a trace", async () => {
    const { result, body } = await run({
      "index.mjs": "export const handler = async () => { throw new TypeError('boom'); };",
    });
    equal(result.outcome, "error");
    deepEqual(Object.keys(body), ["errorType", "errorMessage", "trace"]);
    equal(body.errorType, "TypeError");
    equal(body.errorMessage, "boom");
    equal(body.trace[0], "TypeError: boom");
    match(body.trace[1], /index\.mjs:1:/);
    match(result.log, /\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom"/);
  });

  test("invoke() reports a thrown string with its type and an empty trace", async () => {
    const { result, body } = await run({ "index.js": "exports.handler = async () => { throw 'x'; };" });
    equal(result.outcome, "error");
    deepEqual(body, { errorType: "string", errorMessage: "x", trace: [] });
  });

  test("invoke() reports callback(error) as the error", async () => {
    const { body } = await run({
      "index.js": "exports.handler = (e, c, callback) => callback(new Error('via callback'));",
    });
    equal(body.errorType, "Error");
    equal(body.errorMessage, "via callback");
  });

  test("invoke() reports Runtime.HandlerNotFound when the export is missing", async () => {
    const { result, body } = await run({ "index.mjs": "export default { handler() {} };" });
    equal(result.outcome, "error");
    equal(body.errorType, "Runtime.HandlerNotFound");
    equal(body.errorMessage, "index.handler is undefined or not exported");
    equal(body.trace[0], "Runtime.HandlerNotFound: index.handler is undefined or not exported");
  });

  test("invoke() reports Runtime.HandlerNotFound when the export is not a function", async () => {
    const { body } = await run({ "index.js": "exports.handler = 42;" });
    equal(body.errorType, "Runtime.HandlerNotFound");
    equal(body.errorMessage, "index.handler is not a function");
  });

  test("invoke() reports Runtime.ImportModuleError when there is no index file", async () => {
    const { result, body } = await run({ "other.js": "exports.handler = () => {};" });
    equal(result.outcome, "error");
    equal(body.errorType, "Runtime.ImportModuleError");
    match(body.errorMessage, /^Error: Cannot find module 'index'/);
    match(result.log, /undefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.ImportModuleError"/);
  });

  test("invoke() reports Runtime.ImportModuleError for a missing require()", async () => {
    const { body } = await run({ "index.js": "require('no-such-package'); exports.handler = () => {};" });
    equal(body.errorType, "Runtime.ImportModuleError");
    match(body.errorMessage, /Cannot find module 'no-such-package'/);
  });

  test("invoke() reports Runtime.UserCodeSyntaxError for a syntax error", async () => {
    const { body } = await run({ "index.mjs": "export const handler = async () => { return 1 +; };" });
    equal(body.errorType, "Runtime.UserCodeSyntaxError");
    match(body.errorMessage, /^SyntaxError: /);
  });

  test("invoke() reports Runtime.MalformedHandlerName for a handler with '..' or no property", async () => {
    const files = { "index.js": "exports.handler = () => {};" };
    const dotted = await run(files, {}, "../index.handler");
    equal(dotted.body.errorType, "Runtime.MalformedHandlerName");
    match(dotted.body.errorMessage, /'..\/index.handler' is not a valid handler name/);
    const bare = await run(files, {}, "index");
    equal(bare.body.errorType, "Runtime.MalformedHandlerName");
    equal(bare.body.errorMessage, "Bad handler");
  });

  test("invoke() prefers index.js over index.mjs, and index.mjs over index.cjs", async () => {
    const js = await run({
      "index.js": "exports.handler = async () => 'js';",
      "index.mjs": "export const handler = async () => 'mjs';",
    });
    equal(js.body, "js");
    const mjs = await run({
      "index.mjs": "export const handler = async () => 'mjs';",
      "index.cjs": "exports.handler = async () => 'cjs';",
    });
    equal(mjs.body, "mjs");
    const cjs = await run({ "index.cjs": "exports.handler = async () => 'cjs';" });
    equal(cjs.body, "cjs");
  });

  test("invoke() loads index.js as an ES module under a package.json of type module", async () => {
    const { body } = await run({
      "package.json": JSON.stringify({ type: "module" }),
      "index.js": "export const handler = async () => typeof module;",
    });
    equal(body, "undefined");
  });

  test("invoke() follows a property path and a subdirectory in the handler name", async () => {
    const nested = await run(
      { "index.js": "exports.api = { v1: async () => 'nested' };" },
      {},
      "index.api.v1",
    );
    equal(nested.body, "nested");
    const sub = await run({ "src/app.mjs": "export const main = async () => 'sub';" }, {}, "src/app.main");
    equal(sub.body, "sub");
  });

  test("invoke() reports Function.ResponseSizeTooLarge for a response over 6291556 bytes", async () => {
    const { result, body } = await run({
      "index.mjs": "export const handler = async () => 'x'.repeat(6291556);",
    });
    equal(result.outcome, "error");
    deepEqual(body, {
      errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
      errorType: "Function.ResponseSizeTooLarge",
    });
  });

  test("invoke() reports an unserializable response", async () => {
    const { body } = await run({ "index.mjs": "export const handler = async () => ({ n: 1n });" });
    equal(body.errorType, "Error");
    equal(body.errorMessage, "Unable to stringify response body");
  });

  test("invoke() reports Runtime.UnhandledPromiseRejection and starts a new process afterwards", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.js": `let calls = 0;
        exports.handler = async (event) => {
          calls++;
          if (event.reject) { Promise.reject(new Error("forgotten")); await new Promise((r) => setTimeout(r, 100)); }
          return calls;
        };`,
      }),
    );
    const rejected = await invoke(executor, spec, { reject: true });
    equal(rejected.body.errorType, "Runtime.UnhandledPromiseRejection");
    equal(rejected.body.errorMessage, "Error: forgotten");
    const after = await invoke(executor, spec, {});
    equal(after.body, 1, "module state starts over in a new process");
    match(after.result.log, /Init Duration: /);
  });

  test("invoke() fails an uncaught exception from a timer and the next invoke is cold", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.js": `let calls = 0;
        exports.handler = (event, context, callback) => {
          calls++;
          if (event.crash) setTimeout(() => { throw new RangeError("from a timer"); }, 10);
          else callback(null, calls);
        };`,
      }),
    );
    const { result, body } = await invoke(executor, spec, { crash: true });
    equal(result.outcome, "error");
    equal(body.errorType, "RangeError");
    equal(body.errorMessage, "from a timer");
    match(result.log, /ERROR\tUncaught Exception \t\{"errorType":"RangeError"/);
    const next = await invoke(executor, spec, {});
    equal(next.body, 1, "module state starts over in a new process");
    match(next.result.log, /Init Duration: /);
  });

  test("invoke() reports Runtime.NodeJsExit when an async handler's promise never settles", async () => {
    const { body } = await run({ "index.mjs": "export const handler = async () => new Promise(() => {});" });
    equal(body.errorType, "Runtime.NodeJsExit");
    match(body.errorMessage, /Promise that was never settled/);
  });

  test("invoke() passes an empty payload as {}", async () => {
    const spec = functionSpec(await scratch.code({ "index.mjs": "export const handler = async (e) => e;" }));
    const result = await executor.invoke(spec, {
      requestId: crypto.randomUUID(),
      payload: new Uint8Array(),
      invokedFunctionArn: spec.functionArn,
    });
    deepEqual(JSON.parse(new TextDecoder().decode(result.payload)), {});
  });
});
