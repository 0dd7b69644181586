/**
 * The environment variables of a function's process: what a real `nodejs*.x` function sees
 * (its name, memory, region, log names, the role's keys, the Runtime API address, the X-Ray
 * daemon address, `TZ=:UTC`, `SHLVL=0`…), with AWS's search paths (`PATH`, `NODE_PATH`,
 * `LD_LIBRARY_PATH`) made of the local directories that stand for `/var/task`, `/var/runtime`
 * and `/var/lang`, plus `AWS_ENDPOINT_URL` pointing at local AWS so that an SDK inside reaches
 * it, plus the function's own variables. Nothing else of the executor's environment leaks in
 * (no HOME, not the host's PATH). `_X_AMZN_TRACE_ID` is set per invocation by the bootstrap,
 * from `Lambda-Runtime-Trace-Id`, as AWS's runtime client does.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { dirname, isAbsolute, join } from "node:path";
import process from "node:process";
import type { LocalAccount } from "../account.ts";
import { functionRegion, type FunctionSpec } from "../lambda/function_executor.ts";

/** The facts the variables are made from. */
export interface EnvironmentFacts {
  /** The function. */
  readonly spec: FunctionSpec;
  /** The account (region, keys, endpoint). */
  readonly account: LocalAccount;
  /** `host:port` of the environment's Runtime API. */
  readonly runtimeApi: string;
  /** The directory holding the bootstrap. */
  readonly runtimeDir: string;
  /** The function's writable scratch directory (its `/tmp`; `TMPDIR`). */
  readonly tmpDir?: string;
  /** The environment's log stream name. */
  readonly logStreamName: string;
  /** Variables the launching program itself needs. */
  readonly launcherVariables?: Readonly<Record<string, string>>;
  /**
   * The executable that runs the bootstrap. When it is an absolute path, its directory stands
   * for AWS's `/var/lang/bin` at the head of `PATH`; otherwise the host's `PATH` is kept, since
   * the program itself is found through it.
   */
  readonly launcherCommand?: string;
  /**
   * The execution role's temporary credentials. Without them the account's own keys are used
   * (only where no role can be assumed, e.g. an executor tested on its own).
   */
  readonly credentials?: FunctionCredentials;
}

/** Temporary credentials of the function's execution role. */
export interface FunctionCredentials {
  /** `ASIA…`. */
  readonly accessKeyId: string;
  /** The secret. */
  readonly secretAccessKey: string;
  /** The session token. */
  readonly sessionToken: string;
}

/** The session token handed to functions (local AWS does not check tokens). */
export const LOCAL_SESSION_TOKEN = "local-aws-lambda-session-token";

/**
 * Builds the process environment.
 *
 * @example
 * ```ts
 * spawn(command, args, { env: functionEnvironment(facts), cwd: facts.spec.codeDir });
 * ```
 *
 * @param facts The function and its environment.
 * @returns The variables.
 */
export function functionEnvironment(facts: EnvironmentFacts): Record<string, string> {
  const { spec, account } = facts;
  const region = functionRegion(spec, account.region);
  // Names AWS reserves: the function cannot override them.
  const reserved: Record<string, string> = {
    _HANDLER: spec.handler,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: facts.logStreamName,
    // AWS hands the function its execution role's temporary credentials (DOC
    // lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    AWS_ACCESS_KEY_ID: facts.credentials?.accessKeyId ?? account.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: facts.credentials?.secretAccessKey ?? account.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: facts.credentials?.sessionToken ?? LOCAL_SESSION_TOKEN,
    AWS_LAMBDA_RUNTIME_API: facts.runtimeApi,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: facts.runtimeDir,
    // With LogFormat JSON, Lambda tells the runtime client to write JSON and which application
    // log level to keep: the function's ApplicationLogLevel, INFO unless set (S: DOC
    // lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html; RIC src/utils/env.ts).
    ...(spec.logFormat === "JSON"
      ? { AWS_LAMBDA_LOG_FORMAT: "JSON", AWS_LAMBDA_LOG_LEVEL: spec.applicationLogLevel ?? "INFO" }
      : {}),
  };
  const defaults: Record<string, string> = {
    AWS_ENDPOINT_URL: account.endpoint(),
    // AWS's values (S: LS-snap test_introspection_invoke, DOC configuration-envvars). No X-Ray
    // daemon listens locally: what the X-Ray SDK sends there is lost, as with tracing off.
    AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
    AWS_XRAY_DAEMON_ADDRESS: `${XRAY_DAEMON_HOST}:${XRAY_DAEMON_PORT}`,
    _AWS_XRAY_DAEMON_ADDRESS: XRAY_DAEMON_HOST,
    _AWS_XRAY_DAEMON_PORT: XRAY_DAEMON_PORT,
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    SHLVL: "0",
    ...searchPaths(spec.codeDir, facts.runtimeDir, facts.launcherCommand),
    PWD: spec.codeDir,
    ...(facts.tmpDir ? { TMPDIR: facts.tmpDir } : {}),
    ...facts.launcherVariables,
  };
  if (process.platform === "win32" && process.env.SYSTEMROOT) defaults.SYSTEMROOT = process.env.SYSTEMROOT;
  return { ...defaults, ...spec.environment, ...reserved };
}

/**
 * The X-Ray daemon address AWS gives functions today (S: LS-snap test_introspection_invoke,
 * recorded 2026-01-12; older recordings show 169.254.79.129).
 */
const XRAY_DAEMON_HOST = "169.254.100.1";
const XRAY_DAEMON_PORT = "2000";

/**
 * AWS's `PATH`, `NODE_PATH` and `LD_LIBRARY_PATH` with the local directories in place of
 * `/var/lang` (the launcher's directory), `/var/runtime` and `/var/task`. The `/opt` entries
 * (layers) are left out, as local AWS has no layers; on Windows the host's PATH is kept.
 */
function searchPaths(codeDir: string, runtimeDir: string, launcher?: string): Record<string, string> {
  // AWS: NODE_PATH=/opt/nodejs/nodeNN/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task
  const nodePath = [join(runtimeDir, "node_modules"), runtimeDir, codeDir];
  const hostPath = process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin";
  if (process.platform === "win32") return { PATH: hostPath, NODE_PATH: nodePath.join(";") };
  // AWS: PATH=/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin
  const path = launcher !== undefined && isAbsolute(launcher)
    ? [dirname(launcher), "/usr/local/bin", "/usr/bin/", "/bin"].join(":")
    : hostPath;
  const paths: Record<string, string> = { PATH: path, NODE_PATH: nodePath.join(":") };
  if (process.platform === "linux") {
    // AWS: LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib
    paths.LD_LIBRARY_PATH = [
      "/lib64",
      "/usr/lib64",
      runtimeDir,
      join(runtimeDir, "lib"),
      codeDir,
      join(codeDir, "lib"),
    ]
      .join(":");
  }
  return paths;
}

/**
 * A log stream name like AWS's: `2026/01/12/[$LATEST]<32 hex digits>`.
 *
 * @param version The function version.
 * @param now The creation time.
 * @returns The name.
 */
export function logStreamName(version: string, now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[${version}]${randomBytes(16).toString("hex")}`;
}
