/**
 * A run's identity, chosen before anything else happens: the ids in logs and errors, and the
 * S3 key prefix of anything the run may spill.
 *
 * @module
 */
import { randomUUID } from "node:crypto";

/** Prefix of every object key the executor writes (a sweep and the bucket's lifecycle rule look under it). */
export const KEY_PREFIX = "covalent-awslambda";

/**
 * Who a run is and where its objects go.
 *
 * @example
 * ```ts
 * import type { RunIds } from "@covalent/awslambda";
 * const ids: RunIds = {
 *   dispatchId: "d1", nodeId: "4", runId: "1a2b3c4d", taskId: "d1/4",
 *   keyBase: "covalent-awslambda/d1/4-1a2b3c4d",
 * };
 * ```
 */
export interface RunIds {
  /** The workflow dispatch (generated when not given). */
  readonly dispatchId: string;
  /** The node within the dispatch (generated when not given). */
  readonly nodeId: string;
  /** Tells two runs of one node apart. */
  readonly runId: string;
  /** `<dispatchId>/<nodeId>`, for messages. */
  readonly taskId: string;
  /** Key prefix of this run's objects: `covalent-awslambda/<dispatch>/<node>-<run>`. */
  readonly keyBase: string;
}

/**
 * Chooses a run's ids from the caller's dispatch and node ids (made safe for S3 keys), or
 * fresh ones.
 *
 * @param dispatchId The workflow dispatch, if known.
 * @param nodeId The node, if known.
 * @returns The ids.
 */
export function chooseRunIds(dispatchId?: string, nodeId?: string | number): RunIds {
  const dispatch = safe(dispatchId ?? randomUUID());
  const node = safe(String(nodeId ?? randomUUID().slice(0, 8)));
  const runId = randomUUID().slice(0, 8);
  return {
    dispatchId: dispatch,
    nodeId: node,
    runId,
    taskId: `${dispatch}/${node}`,
    keyBase: `${KEY_PREFIX}/${dispatch}/${node}-${runId}`,
  };
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) || "_";
}
