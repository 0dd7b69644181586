// LoggingConfig honoured end to end: the log a real SDK client gets back with LogType Tail.
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type InvokeCommandOutput,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createActiveFunction, moduleZip } from "../support/lambda_functions.ts";
import { keepApplicationLines } from "../../src/local/execution/application_log_filter.ts";

const tail = (output: InvokeCommandOutput) =>
  Buffer.from(output.LogResult ?? "", "base64").toString("utf8").split("\n").filter((line) => line !== "");

const records = (output: InvokeCommandOutput) => tail(output).map((line) => JSON.parse(line));

// Every console method once, and what the runtime was told.
const LEVELS_SOURCE = `export const handler = async () => {
  for (const method of ["trace", "debug", "info", "log", "warn", "error", "fatal"]) console[method](method);
  return process.env.AWS_LAMBDA_LOG_LEVEL ?? null;
};
`;

describe("Lambda logging levels (end to end)", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50, maxAttempts: 1 })));
  after(() => aws.close());

  const invoke = (name: string) => lambda.send(new InvokeCommand({ FunctionName: name, LogType: "Tail" }));

  test("Invoke() drops console methods below ApplicationLogLevel and tells the runtime AWS_LAMBDA_LOG_LEVEL", async () => {
    await createActiveFunction(lambda, aws, "app-warn", {
      Code: { ZipFile: moduleZip(LEVELS_SOURCE) },
      LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "WARN" },
    });
    const output = await invoke("app-warn");
    strictEqual(new TextDecoder().decode(output.Payload), '"WARN"');
    const application = records(output).filter((record) => record.level !== undefined);
    deepStrictEqual(application.map((record) => [record.level, record.message]), [
      ["WARN", "warn"],
      ["ERROR", "error"],
      ["FATAL", "fatal"],
    ]);
  });

  test("keepApplicationLines() filters raw output by its JSON level, INFO when it names none, in the JSON format", async () => {
    const source = `export const handler = async () => {
  process.stdout.write("plain text\\n");
  process.stdout.write(JSON.stringify({ level: "debug", msg: "quiet" }) + "\\n");
  process.stdout.write(JSON.stringify({ level: "error", msg: "loud" }) + "\\n");
  return 1;
};
`;
    await createActiveFunction(lambda, aws, "raw-warn", {
      Code: { ZipFile: moduleZip(source) },
      LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "WARN" },
    });
    const warn = tail(await invoke("raw-warn")).filter((line) => !line.includes('"type":"platform.'));
    deepStrictEqual(warn, ['{"level":"error","msg":"loud"}']);
    await createActiveFunction(lambda, aws, "raw-info", {
      Code: { ZipFile: moduleZip(source) },
      LoggingConfig: { LogFormat: "JSON" },
    });
    const info = tail(await invoke("raw-info")).filter((line) => !line.includes('"type":"platform.'));
    deepStrictEqual(info, ["plain text", '{"level":"error","msg":"loud"}']);
    await createActiveFunction(lambda, aws, "raw-text", { Code: { ZipFile: moduleZip(source) } });
    const text = tail(await invoke("raw-text")).filter((line) =>
      !/^(INIT_START|START|END|REPORT) /.test(line)
    );
    deepStrictEqual(text, [
      "plain text",
      '{"level":"debug","msg":"quiet"}',
      '{"level":"error","msg":"loud"}',
    ]);
  });

  test("Invoke() keeps every console method at ApplicationLogLevel TRACE", async () => {
    await createActiveFunction(lambda, aws, "app-trace", {
      Code: { ZipFile: moduleZip(LEVELS_SOURCE) },
      LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "TRACE" },
    });
    const output = await invoke("app-trace");
    strictEqual(new TextDecoder().decode(output.Payload), '"TRACE"');
    const levels = records(output).filter((record) => record.level !== undefined).map((record) =>
      record.level
    );
    deepStrictEqual(levels, ["TRACE", "DEBUG", "INFO", "INFO", "WARN", "ERROR", "FATAL"]);
  });

  test("Invoke() writes the DEBUG platform records, runtimeDone among them, at SystemLogLevel DEBUG", async () => {
    await createActiveFunction(lambda, aws, "system-debug", {
      Code: { ZipFile: moduleZip("export const handler = async () => 1;\n") },
      LoggingConfig: { LogFormat: "JSON", SystemLogLevel: "DEBUG" },
    });
    const cold = await invoke("system-debug");
    const requestId = cold.$metadata.requestId;
    deepStrictEqual(records(cold).map((record) => record.type), [
      "platform.initStart",
      "platform.initRuntimeDone",
      "platform.initReport",
      "platform.start",
      "platform.runtimeDone",
      "platform.report",
    ]);
    const [, initDone, initReport, , done] = records(cold);
    deepStrictEqual(initDone.record, { initializationType: "on-demand", phase: "init", status: "success" });
    strictEqual(initReport.record.status, "success");
    deepStrictEqual(done.record, { requestId, status: "success" });
    const warm = await invoke("system-debug");
    deepStrictEqual(records(warm).map((record) => record.type), [
      "platform.start",
      "platform.runtimeDone",
      "platform.report",
    ]);
  });

  test("Invoke() writes no platform record at SystemLogLevel WARN", async () => {
    await createActiveFunction(lambda, aws, "system-warn", {
      Code: {
        ZipFile: moduleZip("export const handler = async () => { console.info('mine'); return 1; };\n"),
      },
      LoggingConfig: { LogFormat: "JSON", SystemLogLevel: "WARN" },
    });
    const output = await invoke("system-warn");
    deepStrictEqual(records(output).map((record) => record.type ?? record.message), ["mine"]);
  });

  test("runtimeDone() reports a handler's error as status error with Runtime.Unknown and a timeout as timeout", async () => {
    await createActiveFunction(lambda, aws, "done-statuses", {
      Code: {
        ZipFile: moduleZip(`export const handler = async (event) => {
          if (event.wait) await new Promise(() => setInterval(() => {}, 1000));
          throw new TypeError("bad input");
        };
`),
      },
      Timeout: 1,
      LoggingConfig: { LogFormat: "JSON", SystemLogLevel: "DEBUG" },
    });
    const failed = await invoke("done-statuses");
    strictEqual(failed.FunctionError, "Unhandled");
    const failedDone = records(failed).find((record) => record.type === "platform.runtimeDone");
    deepStrictEqual(failedDone.record, {
      requestId: failed.$metadata.requestId,
      status: "error",
      errorType: "Runtime.Unknown",
    });
    const timedOut = await lambda.send(
      new InvokeCommand({
        FunctionName: "done-statuses",
        LogType: "Tail",
        Payload: new TextEncoder().encode('{"wait":true}'),
      }),
    );
    const timeoutDone = records(timedOut).find((record) => record.type === "platform.runtimeDone");
    deepStrictEqual(timeoutDone.record, { requestId: timedOut.$metadata.requestId, status: "timeout" });
    const report = records(timedOut).find((record) => record.type === "platform.report");
    strictEqual(report.record.status, "timeout");
  });

  test("Invoke() reports a failed init and its retry as platform.initReport at SystemLogLevel INFO", async () => {
    await createActiveFunction(lambda, aws, "json-init-error", {
      Code: { ZipFile: moduleZip('throw new Error("config missing");\n') },
      LoggingConfig: { LogFormat: "JSON" },
    });
    const output = await invoke("json-init-error");
    strictEqual(output.FunctionError, "Unhandled");
    const platform = records(output).filter((record) => record.type !== undefined);
    deepStrictEqual(platform.map((record) => [record.type, record.record.phase ?? record.record.status]), [
      ["platform.initStart", "init"],
      ["platform.initReport", "init"],
      ["platform.initStart", "invoke"],
      ["platform.initReport", "invoke"],
      ["platform.start", undefined],
      ["platform.report", "error"],
    ]);
    deepStrictEqual(
      [platform[1].record.status, platform[1].record.errorType],
      ["error", "Runtime.Unknown"],
    );
  });

  test("Invoke() opens a cold environment's Tail log with INIT_START and the configuration's RuntimeVersionArn", async () => {
    await createActiveFunction(lambda, aws, "text-init-start", {
      Code: { ZipFile: moduleZip("console.log('loading');\nexport const handler = async () => 1;\n") },
    });
    const { RuntimeVersionConfig } = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "text-init-start" }),
    );
    const cold = tail(await invoke("text-init-start"));
    strictEqual(
      cold[0],
      `INIT_START Runtime Version: nodejs:22.v1\tRuntime Version ARN: ${RuntimeVersionConfig?.RuntimeVersionArn}`,
    );
    strictEqual(cold[1].endsWith("\tundefined\tINFO\tloading"), true, cold[1]);
    strictEqual(cold[2].startsWith("START RequestId: "), true, cold[2]);
    const warm = tail(await invoke("text-init-start"));
    strictEqual(warm[0].startsWith("START RequestId: "), true, "a warm environment has no INIT_START");
  });
});

describe("keepApplicationLines()", () => {
  test("drops exactly the lines whose own JSON level is below the minimum, whatever the spacing and case", () => {
    const output =
      '{"level": "Debug","m":1}\nplain\n{"level":"INFO","msg":"says \\"level\\":\\"debug\\""}\n' +
      '{ "level" : "TRACE" }\n{"level":"warn"}';
    deepStrictEqual(
      keepApplicationLines(output, "INFO"),
      'plain\n{"level":"INFO","msg":"says \\"level\\":\\"debug\\""}\n{"level":"warn"}',
    );
    deepStrictEqual(keepApplicationLines(output, "DEBUG"), output.replace('{ "level" : "TRACE" }\n', ""));
    deepStrictEqual(keepApplicationLines(output, "TRACE"), output);
    deepStrictEqual(keepApplicationLines(output, "WARN"), '{"level":"warn"}');
    deepStrictEqual(keepApplicationLines(output, undefined), output);
  });

  test("keeps output that names no level below the minimum as it is", () => {
    const output = 'plain\n{"level":"INFO","msg":"a"}\n{"level":"ERROR"}\nno newline at the end';
    strictEqual(keepApplicationLines(output, "INFO"), output);
    strictEqual(keepApplicationLines(output, "DEBUG"), output);
  });
});
