import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync } from "node:fs";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { createScratch, functionSpec, invoke, type Scratch } from "../support/execution_fixtures.ts";
import { scratchExecutor } from "../support/scratch_executor.ts";

describe("process executor: what a function sees", () => {
  let aws: LocalAwsServer;
  let scratch: Scratch;
  let executor: FunctionExecutor;
  before(async () => {
    aws = await startLocalAws();
    scratch = await createScratch();
    executor = scratchExecutor(scratch, { endpoint: aws.endpoint });
  });
  after(async () => {
    await executor.close();
    await aws.close();
    await scratch.remove();
  });

  test("the process gets AWS's variables, the function's own ones, and nothing else", async () => {
    const codeDir = await scratch.code({
      "index.mjs": `export const handler = async () => ({
        env: process.env,
        cwd: process.cwd(),
        offset: new Date(2020, 0, 1).getTimezoneOffset(),
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });`,
    });
    const spec = functionSpec(codeDir, {
      memoryMb: 256,
      environment: { STAGE: "test", TZ: "ignored-by-none" },
    });
    const { body } = await invoke(executor, spec);
    const env = body.env as Record<string, string>;
    equal(env.AWS_LAMBDA_FUNCTION_NAME, spec.functionName);
    equal(env.AWS_LAMBDA_FUNCTION_VERSION, "$LATEST");
    equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, "256");
    equal(env.AWS_REGION, "us-east-1");
    equal(env.AWS_DEFAULT_REGION, "us-east-1");
    equal(env.AWS_EXECUTION_ENV, "AWS_Lambda_nodejs22.x");
    equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, "on-demand");
    equal(env.AWS_LAMBDA_LOG_GROUP_NAME, `/aws/lambda/${spec.functionName}`);
    match(env.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    match(env.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+$/);
    equal(env.LAMBDA_TASK_ROOT, codeDir);
    equal(env.LAMBDA_RUNTIME_DIR, join(scratch.dir, "data", "runtime"));
    equal(env._HANDLER, "index.handler");
    equal(env.LANG, "en_US.UTF-8");
    equal(env.AWS_ACCESS_KEY_ID, "test");
    equal(env.AWS_SECRET_ACCESS_KEY, "test");
    ok(env.AWS_SESSION_TOKEN);
    equal(env.AWS_ENDPOINT_URL, aws.endpoint);
    match(env._X_AMZN_TRACE_ID, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    equal(env.STAGE, "test");
    equal(env.TZ, "ignored-by-none", "the function's own variables win over defaults");
    deepEqual(Object.keys(env).sort(), [
      "AWS_ACCESS_KEY_ID",
      "AWS_DEFAULT_REGION",
      "AWS_ENDPOINT_URL",
      "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_NAME",
      "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE",
      "AWS_LAMBDA_LOG_GROUP_NAME",
      "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_LAMBDA_RUNTIME_API",
      "AWS_REGION",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_XRAY_CONTEXT_MISSING",
      "AWS_XRAY_DAEMON_ADDRESS",
      "LAMBDA_RUNTIME_DIR",
      "LAMBDA_TASK_ROOT",
      "LANG",
      ...(process.platform === "linux" ? ["LD_LIBRARY_PATH"] : []),
      "NODE_PATH",
      "PATH",
      "PWD",
      "SHLVL",
      "STAGE",
      "TMPDIR",
      "TZ",
      "_AWS_XRAY_DAEMON_ADDRESS",
      "_AWS_XRAY_DAEMON_PORT",
      "_HANDLER",
      "_X_AMZN_TRACE_ID",
    ]);
    equal(body.cwd, codeDir);
    ok(
      env.TMPDIR.startsWith(scratch.account().dataDir),
      "the function's /tmp lives under local AWS's data directory",
    );

    const utc = await invoke(executor, { ...spec, environment: {}, revisionId: "utc" });
    equal(utc.body.env.TZ, ":UTC");
    equal(utc.body.offset, 0);
    equal(utc.body.zone, "UTC");
  });

  test("the handler's context carries AWS's fields and a sane remaining time", async () => {
    const codeDir = await scratch.code({
      "index.js": `exports.handler = async (event, context) => {
        const { getRemainingTimeInMillis, succeed, fail, done, ...fields } = context;
        return { fields, remaining: getRemainingTimeInMillis(), kinds: [typeof succeed, typeof fail, typeof done] };
      };`,
    });
    const spec = functionSpec(codeDir, { timeoutSeconds: 5, memoryMb: 512 });
    const qualified = `${spec.functionArn}:$LATEST`;
    const { requestId, body } = await invoke(executor, spec, {}, {
      invokedFunctionArn: qualified,
      clientContext: JSON.stringify({ custom: { user: "u1" }, env: { locale: "en" } }),
    });
    const { fields } = body;
    equal(fields.awsRequestId, requestId);
    equal(fields.invokedFunctionArn, qualified);
    equal(fields.functionName, spec.functionName);
    equal(fields.functionVersion, "$LATEST");
    equal(fields.memoryLimitInMB, "512");
    equal(fields.logGroupName, `/aws/lambda/${spec.functionName}`);
    match(fields.logStreamName, /\[\$LATEST\]/);
    deepEqual(fields.clientContext, { custom: { user: "u1" }, env: { locale: "en" } });
    equal(fields.identity, undefined);
    equal(fields.callbackWaitsForEmptyEventLoop, true);
    ok(body.remaining > 4_000 && body.remaining <= 5_000, `remaining ${body.remaining} ms`);
    deepEqual(body.kinds, ["function", "function", "function"]);
  });

  test("the log holds INIT_START, the init output, START, the console lines and raw output in order, END and REPORT", async () => {
    const codeDir = await scratch.code({
      "index.js": `console.log("loading");
      exports.handler = async () => {
        console.log("hello %s", "world", { n: 1 });
        console.warn("two\\nlines");
        console.error(new Error("shown"));
        console.debug("debug");
        process.stdout.write("raw out\\n");
        process.stderr.write("raw err\\n");
        return "ok";
      };`,
    });
    const spec = functionSpec(codeDir);
    const { requestId, result } = await invoke(executor, spec);
    const [initStart, ...lines] = result.log.split("\n");
    match(
      initStart,
      /^INIT_START Runtime Version: nodejs:22\.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/,
    );
    match(lines[0], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\tundefined\tINFO\tloading$/);
    equal(lines[1], `START RequestId: ${requestId} Version: $LATEST`);
    match(lines[2], new RegExp(`^\\d{4}-[^\\t]+Z\\t${requestId}\\tINFO\\thello world \\{ n: 1 \\}$`));
    match(lines[3], new RegExp(`\\t${requestId}\\tWARN\\ttwo\\rlines$`));
    match(lines[4], new RegExp(`\\t${requestId}\\tERROR\\tError: shown\\r    at `));
    match(lines[5], new RegExp(`\\t${requestId}\\tDEBUG\\tdebug$`));
    equal(lines[6], "raw out");
    equal(lines[7], "raw err");
    equal(lines[8], `END RequestId: ${requestId}`);
    match(
      lines[9],
      new RegExp(
        `^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\t` +
          `Memory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t$`,
      ),
    );
    equal(lines[10], "");
    equal(lines.length, 11);
    const warm = await invoke(executor, spec);
    ok(warm.result.log.startsWith(`START RequestId: ${warm.requestId} Version: $LATEST\n`));
    match(warm.result.log, /\tMax Memory Used: \d+ MB\t\n$/);
  });

  test("an SDK client inside the function reaches local AWS through AWS_ENDPOINT_URL", async () => {
    const modules = join(import.meta.dirname!, "../../node_modules");
    ok(existsSync(join(modules, "@aws-sdk/client-sts")), "the test needs the project's node_modules");
    const codeDir = await scratch.code({
      "index.js": `const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
      exports.handler = async () => {
        const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));
        const unsigned = await fetch(process.env.AWS_ENDPOINT_URL + "/2015-03-31/functions");
        return { account: identity.Account, arn: identity.Arn, unsigned: unsigned.headers.get("x-amzn-errortype") };
      };`,
    });
    await symlink(modules, join(codeDir, "node_modules"), "dir");
    const { result, body } = await invoke(executor, functionSpec(codeDir, { timeoutSeconds: 20 }));
    equal(result.outcome, "success", result.log);
    deepEqual(body, {
      account: "000000000000",
      arn: "arn:aws:iam::000000000000:root",
      unsigned: "MissingAuthenticationTokenException",
    });
  });
});
