/**
 * Content-addressed function names: every executor, run and process with the same runtime
 * code and settings arrives at the same name, so the function is deployed once and reused.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** Prefix of every function the executor creates (and a sweep looks for). */
export const FUNCTION_PREFIX = "covalent-awslambda-";

/** What makes two deployments interchangeable. */
export interface FunctionIdentity {
  /** Hash of the deployment package. */
  readonly packageSha256: string;
  /** Lambda runtime. */
  readonly runtime: string;
  /** Memory, MB. */
  readonly memorySize: number;
  /** Timeout, seconds. */
  readonly timeout: number;
  /** Execution role ARN. */
  readonly roleArn: string;
  /** Architecture. */
  readonly architecture: string;
}

/** The shared function's name: the prefix plus 20 hex digits of the identity's hash. */
export function sharedFunctionName(identity: FunctionIdentity): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([
      identity.packageSha256,
      identity.runtime,
      identity.memorySize,
      identity.timeout,
      identity.roleArn,
      identity.architecture,
    ]))
    .digest("hex");
  return `${FUNCTION_PREFIX}${digest.slice(0, 20)}`;
}

/** A one-task function's name (the original plugin's isolation mode); at most 64 characters. */
export function taskFunctionName(taskId: string): string {
  const safe = taskId.replace(/[^A-Za-z0-9_-]/g, "-");
  const digest = createHash("sha256").update(taskId).digest("hex").slice(0, 8);
  return `${FUNCTION_PREFIX}t-${safe.slice(0, 64 - FUNCTION_PREFIX.length - 11)}-${digest}`;
}
