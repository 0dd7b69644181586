/**
 * The asynchronous life of a function, as on AWS: Pending after creation, Active after
 * `pendingMs`; an update InProgress for `pendingMs` (invocations keep running the previous
 * revision meanwhile), then Successful.
 *
 * @module
 */
import type { FunctionRecord, FunctionRevision } from "./function_record.ts";
import type { LambdaContext } from "./lambda_context.ts";
import { resourceConflict } from "./lambda_failure.ts";

/** Schedules a new function's move from Pending to Active. */
export function activateLater(context: LambdaContext, record: FunctionRecord): void {
  context.registry.schedule(record.name, context.deps.pendingMs, () => {
    record.state = "Active";
    record.lastUpdateStatus = "Successful";
  });
}

/**
 * Throws 409 ResourceConflictException while the function is not Active ("… The function is
 * currently in the following state: Pending"); Invoke and updates are refused then.
 */
export function assertActive(record: FunctionRecord): void {
  if (record.state !== "Active") {
    throw resourceConflict(
      `The operation cannot be performed at this time. The function is currently in the following state: ${record.state}`,
    );
  }
}

/** Throws 409 ResourceConflictException unless the function may be updated now. */
export function assertUpdatable(record: FunctionRecord): void {
  assertActive(record);
  if (record.lastUpdateStatus === "InProgress") {
    throw resourceConflict(
      `The operation cannot be performed at this time. An update is in progress for resource: ${record.arn}`,
    );
  }
}

/**
 * Makes `revision` the function's latest, InProgress for `pendingMs`; then invocations switch
 * to it and environments of older revisions are retired.
 */
export function beginUpdate(
  context: LambdaContext,
  record: FunctionRecord,
  revision: FunctionRevision,
): void {
  record.latest = revision;
  record.lastUpdateStatus = "InProgress";
  context.registry.schedule(record.name, context.deps.pendingMs, () => {
    record.serving = record.latest;
    record.lastUpdateStatus = "Successful";
    context.deps.executor.retire(record.name, record.serving.revisionId).catch(() => {
      // An environment that will not end is the executor's to report; the update stands.
    });
  });
}
