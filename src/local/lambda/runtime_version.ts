/**
 * The runtime version a function runs: the `RuntimeVersionConfig.RuntimeVersionArn` of its
 * configuration and the `INIT_START Runtime Version: … Runtime Version ARN: …` line (or the
 * `platform.initStart` record) at the start of each new execution environment's log. AWS
 * reports the same ARN in both places.
 *
 * AWS's version names look like `nodejs:22.v48` or `nodejs:22.mainline.v122`, its ARNs like
 * `arn:aws:lambda:us-east-1::runtime:<64 hex digits>` (S: real CloudWatch logs quoted in public
 * repositories, 2023–2026). Local AWS has one version per runtime, numbered 1; its ARN is a
 * stable hash of the runtime's name.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * The runtime version's name, e.g. `nodejs:22.v1` for `nodejs22.x`, `python:3.13.v1`.
 *
 * @example
 * ```ts
 * runtimeVersion("nodejs22.x"); // "nodejs:22.v1"
 * ```
 *
 * @param runtime The function's `Runtime`.
 * @returns The name.
 */
export function runtimeVersion(runtime: string): string {
  const [, family, release] = /^([a-z]+)\.?(.*?)(?:\.x)?$/.exec(runtime) ?? [, runtime, ""];
  return `${family}:${release === "" ? "" : `${release}.`}v1`;
}

/**
 * The runtime version's ARN, stable per runtime and region.
 *
 * @example
 * ```ts
 * runtimeVersionArn("us-east-1", "nodejs22.x"); // "arn:aws:lambda:us-east-1::runtime:4f…"
 * ```
 *
 * @param region The function's region.
 * @param runtime The function's `Runtime`.
 * @returns The ARN.
 */
export function runtimeVersionArn(region: string, runtime: string): string {
  const id = createHash("sha256").update(`local-aws:${runtime}`).digest("hex");
  return `arn:aws:lambda:${region}::runtime:${id}`;
}
