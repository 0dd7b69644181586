/**
 * The deployment package of the generic runtime: a zip holding `index.mjs`, with bytes that
 * depend only on the runtime's code.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { createZip } from "../archive/zip_writer.ts";
import { RUNTIME_SOURCE } from "../runtime/runtime_source.ts";

/** A zip ready for CreateFunction, with its content hash. */
export interface DeploymentPackage {
  /** The zip bytes. */
  readonly zip: Uint8Array;
  /** Hex SHA-256 of the zip. */
  readonly sha256: string;
}

let memo: DeploymentPackage | undefined;

/** The runtime's deployment package (built once per process). */
export function runtimePackage(): DeploymentPackage {
  if (memo) return memo;
  const zip = createZip([{ path: "index.mjs", data: RUNTIME_SOURCE }]);
  memo = { zip, sha256: createHash("sha256").update(zip).digest("hex") };
  return memo;
}
