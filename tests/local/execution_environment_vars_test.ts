import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { execFileSync } from "node:child_process";
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import process from "node:process";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createActiveFunction, moduleZip } from "../support/lambda_functions.ts";

// The handler reports its variables, and what `node` started by name (through PATH) is.
const INTROSPECT_SOURCE = `
import { execFileSync } from "node:child_process";
export const handler = async () => {
  let nodeByName;
  try {
    nodeByName = execFileSync("node", ["-e", "process.stdout.write(process.version)"]).toString();
  } catch (error) {
    nodeByName = "failed: " + error.message;
  }
  return { env: process.env, nodeByName, version: process.version };
};
`;

async function invokeJson(lambda: LambdaClient, name: string): Promise<Record<string, unknown>> {
  const output = await lambda.send(new InvokeCommand({ FunctionName: name }));
  strictEqual(output.FunctionError, undefined, new TextDecoder().decode(output.Payload));
  return JSON.parse(new TextDecoder().decode(output.Payload));
}

describe("Lambda execution environment variables", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50 })));
  after(() => aws.close());

  test("functionEnvironment() sets AWS's X-Ray, locale, shell and time zone variables when a function runs", async () => {
    await createActiveFunction(lambda, aws, "vars-fn", {
      Code: { ZipFile: moduleZip(INTROSPECT_SOURCE) },
    });
    const { env } = await invokeJson(lambda, "vars-fn") as { env: Record<string, string> };
    strictEqual(env.AWS_XRAY_CONTEXT_MISSING, "LOG_ERROR");
    strictEqual(env.AWS_XRAY_DAEMON_ADDRESS, "169.254.100.1:2000");
    strictEqual(env._AWS_XRAY_DAEMON_ADDRESS, "169.254.100.1");
    strictEqual(env._AWS_XRAY_DAEMON_PORT, "2000");
    strictEqual(env.SHLVL, "0");
    strictEqual(env.LANG, "en_US.UTF-8");
    strictEqual(env.TZ, ":UTC");
    ok(env._X_AMZN_TRACE_ID?.startsWith("Root=1-"), env._X_AMZN_TRACE_ID);
  });

  test("functionEnvironment() gives AWS's search paths with local directories when a function runs", async () => {
    const { env, nodeByName, version } = await invokeJson(lambda, "vars-fn") as {
      env: Record<string, string>;
      nodeByName: string;
      version: string;
    };
    const taskRoot = env.LAMBDA_TASK_ROOT;
    const runtimeDir = env.LAMBDA_RUNTIME_DIR;
    strictEqual(
      env.NODE_PATH,
      [join(runtimeDir, "node_modules"), runtimeDir, taskRoot].join(process.platform === "win32" ? ";" : ":"),
    );
    if (process.platform === "win32") return;
    const path = env.PATH.split(":");
    deepStrictEqual(path.slice(1), ["/usr/local/bin", "/usr/bin/", "/bin"]);
    strictEqual(
      nodeByName,
      version,
      "`node` by name is the function's own Node, as /var/lang/bin's is on AWS",
    );
    const runningNode = execFileSync(join(path[0], "node"), ["-e", "process.stdout.write(process.version)"])
      .toString();
    strictEqual(runningNode, version);
    if (process.platform === "linux") {
      strictEqual(
        env.LD_LIBRARY_PATH,
        ["/lib64", "/usr/lib64", runtimeDir, join(runtimeDir, "lib"), taskRoot, join(taskRoot, "lib")].join(
          ":",
        ),
      );
    }
  });

  test("functionEnvironment() lets a function's own PATH and NODE_PATH win when it sets them", async () => {
    await createActiveFunction(lambda, aws, "own-paths-fn", {
      Code: { ZipFile: moduleZip(INTROSPECT_SOURCE) },
      Environment: { Variables: { PATH: "/bin:/usr/bin", NODE_PATH: "/custom", SHLVL: "3" } },
    });
    const { env } = await invokeJson(lambda, "own-paths-fn") as { env: Record<string, string> };
    strictEqual(env.PATH, "/bin:/usr/bin");
    strictEqual(env.NODE_PATH, "/custom");
    strictEqual(env.SHLVL, "3");
  });
});
