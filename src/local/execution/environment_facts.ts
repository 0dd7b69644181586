/**
 * Facts an execution environment states about itself: the `platform.initStart` (text:
 * `INIT_START`) that opens its log, and the X-Ray trace header of each invocation.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { functionRegion, type FunctionSpec } from "../lambda/function_executor.ts";
import { runtimeVersion, runtimeVersionArn } from "../lambda/runtime_version.ts";
import type { InitStart } from "./platform_records.ts";

/**
 * What a new environment's INIT_START says: the runtime version (with the same ARN as the
 * function configuration's `RuntimeVersionConfig`), the function, and the environment, named as
 * AWS names it after its log stream (`2026/10/08/<function>[$LATEST]<hex>`, S: a real
 * `platform.initStart` record, public repository, 2026-10).
 *
 * @param spec The function.
 * @param region Where it runs, when its ARN does not say.
 * @param logStreamName The environment's log stream (`2026/10/08/[$LATEST]<hex>`).
 * @param phase `invoke` for an init retried inside an invocation.
 * @returns The facts.
 */
export function initStart(
  spec: FunctionSpec,
  region: string,
  logStreamName: string,
  phase: InitStart["phase"],
): InitStart {
  const slash = logStreamName.lastIndexOf("/");
  return {
    phase,
    runtimeVersion: runtimeVersion(spec.runtime),
    runtimeVersionArn: runtimeVersionArn(functionRegion(spec, region), spec.runtime),
    functionName: spec.functionName,
    functionVersion: spec.version,
    instanceId: `${logStreamName.slice(0, slash + 1)}${spec.functionName}${logStreamName.slice(slash + 1)}`,
    instanceMaxMemory: spec.memoryMb * 1024 * 1024,
  };
}

/**
 * A `Lambda-Runtime-Trace-Id` value: `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`.
 *
 * @returns The header value.
 */
export function traceId(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return `Root=1-${epoch}-${randomBytes(12).toString("hex")};Parent=${
    randomBytes(8).toString("hex")
  };Sampled=0`;
}
