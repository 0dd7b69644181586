/**
 * The environment variables of a function's process: what a real `nodejs*.x` function sees
 * (its name, memory, region, log names, the role's keys, the Runtime API address, `TZ=:UTC`…),
 * plus `AWS_ENDPOINT_URL` pointing at local AWS so that an SDK inside reaches it, plus the
 * function's own variables. Nothing else of the executor's environment leaks in (no HOME).
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import process from "node:process";
import type { LocalAccount } from "../account.ts";
import type { FunctionSpec } from "../lambda/function_executor.ts";

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
  const region = spec.functionArn.split(":")[3] || account.region;
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
    // log level to keep (S: DOC lambda/latest/dg/monitoring-cloudwatchlogs-loglevel.html; RIC
    // src/utils/env.ts). Local AWS keeps no ApplicationLogLevel yet: AWS's default, INFO.
    ...(spec.logFormat === "JSON" ? { AWS_LAMBDA_LOG_FORMAT: "JSON", AWS_LAMBDA_LOG_LEVEL: "INFO" } : {}),
  };
  const defaults: Record<string, string> = {
    AWS_ENDPOINT_URL: account.endpoint(),
    AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    PWD: spec.codeDir,
    ...(facts.tmpDir ? { TMPDIR: facts.tmpDir } : {}),
    ...facts.launcherVariables,
  };
  if (process.platform === "win32" && process.env.SYSTEMROOT) defaults.SYSTEMROOT = process.env.SYSTEMROOT;
  return { ...defaults, ...spec.environment, ...reserved };
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
