import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, processGone, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";

const lines = (log: string) => log.split("\n").filter((line) => line !== "");

describe("process executor: init failures retried inside the invoke, as on AWS", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => {
    ({ scratch, executor, close } = await startScratchExecutor({ functionStartTimeoutMs: 1_000 }));
  });
  after(() => close());

  test("invoke() logs INIT_REPORT for the init and its retry and keeps a Runtime.* error type when the module has a syntax error", async () => {
    const spec = functionSpec(
      await scratch.code({ "index.js": `exports.handler = async () => { return 1 +; };` }),
    );
    const { requestId, result, body } = await invoke(executor, spec);
    equal(result.outcome, "error");
    equal(body.errorType, "Runtime.UserCodeSyntaxError");
    const log = lines(result.log);
    const kinds = log.map((line) => /\tUncaught Exception /.test(line) ? "uncaught" : line.split(/[ \t]/)[0]);
    // Each environment's log opens with INIT_START, the retry's too (Phase: invoke).
    deepEqual(kinds, [
      "INIT_START",
      "uncaught",
      "INIT_REPORT",
      "INIT_START",
      "uncaught",
      "INIT_REPORT",
      "START",
      "END",
      "REPORT",
    ]);
    match(
      log[2],
      /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime\.UserCodeSyntaxError$/,
    );
    match(
      log[5],
      /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: invoke\tStatus: error\tError Type: Runtime\.UserCodeSyntaxError$/,
    );
    equal(log[7], `END RequestId: ${requestId}`);
    match(log[8], /\tStatus: error\tError Type: Runtime\.UserCodeSyntaxError\t$/);
    ok(!log[8].includes("Init Duration"), "the retried init is part of the invocation's duration");
  });

  test("invoke() ends a runtime that lingers after reporting its init error (each init's process is gone)", async () => {
    const spec = functionSpec(
      await scratch.code({
        // The bootstrap exits once the init error is posted; this exit handler never returns.
        "index.mjs": `console.log("pid=" + process.pid);
          process.on("exit", () => { for (;;) {} });
          throw new Error("config missing");`,
      }),
    );
    const { result, body } = await invoke(executor, spec);
    deepEqual([body.errorType, body.errorMessage], ["Error", "config missing"]);
    const pids = [...result.log.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
    equal(pids.length, 2, result.log);
    for (const pid of pids) ok(await processGone(pid, 10_000), `process ${pid} still runs`);
  });

  test("initErrorType() maps a module's own error to Runtime.Unknown in the log when init throws an Error", async () => {
    const spec = functionSpec(await scratch.code({ "index.mjs": `throw new Error("config missing");` }));
    const { result, body } = await invoke(executor, spec);
    deepEqual([body.errorType, body.errorMessage], ["Error", "config missing"]);
    const reports = lines(result.log).filter((line) => /^(INIT_)?REPORT /.test(line));
    equal(reports.length, 3);
    for (const line of reports) match(line, /\tStatus: error\tError Type: Runtime\.Unknown\t?$/);
  });

  test("invoke() retries an init that outlives the start limit within the function's timeout and succeeds when it finishes in time", async () => {
    const spec = functionSpec(
      await scratch.code({
        // Each init blocks past the 1 s start limit; the retry's 5 s function timeout leaves room.
        "index.mjs": `const until = Date.now() + 1_500;
        while (Date.now() < until) {}
        export const handler = async () => ({ slow: true });`,
      }),
      { timeoutSeconds: 5 },
    );
    const { result, body } = await invoke(executor, spec);
    equal(result.outcome, "success", result.log);
    equal(body.slow, true);
    const log = lines(result.log);
    deepEqual(log.map((line) => line.split(" ")[0]).slice(0, 5), [
      "INIT_START",
      "INIT_REPORT",
      "INIT_START",
      "START",
      "END",
    ]);
    match(log[1], /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: timeout$/);
    match(log.at(-1)!, /^REPORT RequestId: \S+\tDuration: \d+\.\d{2} ms\t/);
    ok(!log.at(-1)!.includes("Init Duration"));
  });

  test("invoke() answers Sandbox.Timedout after INIT_REPORT Phase: invoke Status: timeout when the retried init outlives the function's timeout", async () => {
    const spec = functionSpec(await scratch.code({ "index.js": `for (;;) {}` }), { timeoutSeconds: 1 });
    const { requestId, result, body } = await invoke(executor, spec);
    deepEqual(body, {
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds`,
    });
    const log = lines(result.log);
    match(log[1], /^INIT_REPORT .*\tPhase: init\tStatus: timeout$/);
    match(log[3], /^INIT_REPORT .*\tPhase: invoke\tStatus: timeout$/);
    match(log.at(-1)!, /\tStatus: timeout\t$/);
  });
});

describe("process executor: LoggingConfig.LogFormat JSON", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => ({ scratch, executor, close } = await startScratchExecutor()));
  after(() => close());

  test("invoke() writes JSON console lines above INFO and the INFO platform records when the log format is JSON", async () => {
    const spec = functionSpec(
      await scratch.code({
        "index.mjs": `export const handler = async () => {
          console.debug("hidden");
          console.log("hello", 42);
          console.error(new TypeError("bad"));
          return process.env.AWS_LAMBDA_LOG_FORMAT + "/" + process.env.AWS_LAMBDA_LOG_LEVEL;
        };`,
      }),
      { logFormat: "JSON" },
    );
    const { requestId, result, body } = await invoke(executor, spec);
    equal(body, "JSON/INFO");
    const records = lines(result.log).map((line) => JSON.parse(line));
    const types = records.map((record) => record.type ?? record.level);
    // SystemLogLevel INFO (AWS's default): no platform.runtimeDone, which is DEBUG.
    deepEqual(types, ["platform.initStart", "platform.start", "INFO", "ERROR", "platform.report"]);
    deepEqual(records[0].record, {
      initializationType: "on-demand",
      phase: "init",
      runtimeVersion: "nodejs:22.v1",
      runtimeVersionArn: records[0].record.runtimeVersionArn,
      functionName: spec.functionName,
      functionVersion: "$LATEST",
      instanceId: records[0].record.instanceId,
      instanceMaxMemory: 128 * 1024 * 1024,
    });
    match(records[0].record.runtimeVersionArn, /^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    match(
      records[0].record.instanceId,
      new RegExp(`^\\d{4}/\\d{2}/\\d{2}/${spec.functionName}\\[\\$LATEST\\][0-9a-f]{32}$`),
    );
    deepEqual(records[1].record, { requestId, functionArn: spec.functionArn, version: "$LATEST" });
    deepEqual(Object.keys(records[2]), ["timestamp", "level", "requestId", "message"]);
    equal(records[2].message, "hello 42");
    equal(records[2].requestId, requestId);
    equal(records[3].message.errorType, "TypeError");
    equal(records[3].message.errorMessage, "bad");
    equal(records[4].record.status, "success");
    equal(records[4].record.metrics.memorySizeMB, 128);
    ok(records[4].record.metrics.initDurationMs > 0);
  });
});
