/**
 * The asynchronous life of a function, as on AWS: Pending after creation, Active after
 * `pendingMs`; an update InProgress for `pendingMs` (invocations keep running the previous
 * revision meanwhile), then Successful; Inactive when idle long enough, and Pending again
 * (Restoring) when something tries to invoke it.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { FunctionRecord, FunctionRevision } from "./function_record.ts";
import type { LambdaContext } from "./lambda_context.ts";
import { LambdaFailure, resourceConflict } from "./lambda_failure.ts";

/**
 * Schedules a new function's move from Pending to Active. The move gives it a new `RevisionId`,
 * as AWS does (found by driving AWS and local AWS with the same clients, issue 9): a client
 * holding the CreateFunction response's RevisionId finds it stale once the function is Active.
 */
export function activateLater(context: LambdaContext, record: FunctionRecord): void {
  context.registry.schedule(record.name, context.deps.pendingMs, () => {
    const moved = { ...record.latest, revisionId: randomUUID() };
    if (record.serving === record.latest) record.serving = moved;
    record.latest = moved;
    record.state = "Active";
    record.pendingReason = undefined;
    record.lastUpdateStatus = "Successful";
  });
}

/**
 * Makes an Active function Inactive, as Lambda does after weeks without invocations: its warm
 * environments are reclaimed.
 *
 * @throws {Error} when the function does not exist or is not Active with no update running.
 */
export function deactivate(context: LambdaContext, name: string): void {
  const record = context.registry.get(name);
  if (record === undefined) throw new Error(`Cannot deactivate function "${name}": it does not exist`);
  if (record.state !== "Active" || record.lastUpdateStatus === "InProgress") {
    throw new Error(
      `Cannot deactivate function "${name}": it is ${record.state}${
        record.lastUpdateStatus === "InProgress" ? " with an update in progress" : ""
      }; only an Active, settled function goes Inactive`,
    );
  }
  record.state = "Inactive";
  context.deps.executor.retire(name).catch(() => {
    // An environment that will not end is the executor's to report; the state change stands.
  });
}

/**
 * Refuses an invocation of a function that is Inactive or being restored, without running it.
 * An Inactive function starts restoring (Pending, `Restoring`) and is Active after `pendingMs`.
 *
 * The answer is 409 CodeArtifactUserPendingException: its status and fault come from the SDK's
 * model (client-lambda `schemas_0.js`), its message from a real reply quoted in boto/boto3#3788
 * (AWS's docs name ResourceNotReadyException, but public traces show this code).
 */
export function refuseWhileRestoring(context: LambdaContext, record: FunctionRecord): void {
  if (record.state === "Inactive") {
    record.state = "Pending";
    record.pendingReason = "Restoring";
    activateLater(context, record);
  } else if (!(record.state === "Pending" && record.pendingReason === "Restoring")) {
    return;
  }
  throw new LambdaFailure(
    409,
    "CodeArtifactUserPendingException",
    "ERROR: Lambda is initializing your function. It will be ready to invoke shortly.",
  );
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

/**
 * Throws 409 ResourceConflictException unless the function may be updated now. An Inactive
 * function may be (redeploying is how AWS's docs say to restore one); U: whether AWS allows it
 * for every update.
 */
export function assertUpdatable(record: FunctionRecord): void {
  if (record.state !== "Inactive") assertActive(record);
  if (record.lastUpdateStatus === "InProgress") {
    throw resourceConflict(
      `The operation cannot be performed at this time. An update is in progress for resource: ${record.arn}`,
    );
  }
}

/**
 * Makes `revision` the function's latest, InProgress for `pendingMs`; then invocations switch
 * to it and environments of older revisions are retired. Finishing gives it a new `RevisionId`
 * once more, as AWS does: the update's response carries one RevisionId, the Successful
 * configuration another (S: LS-snap test_lambda_api.snapshot.json `TestLoggingConfig`,
 * recorded against AWS 2025-11-25: `updated_config` `<uuid:3>`, then `received_config`
 * `<uuid:4>` after `waitUntilFunctionUpdatedV2`).
 */
export function beginUpdate(
  context: LambdaContext,
  record: FunctionRecord,
  revision: FunctionRevision,
): void {
  record.latest = revision;
  record.lastUpdateStatus = "InProgress";
  context.registry.schedule(record.name, context.deps.pendingMs, () => {
    record.latest = { ...record.latest, revisionId: randomUUID() };
    record.serving = record.latest;
    record.lastUpdateStatus = "Successful";
    // Updating recreates the function's resources: an Inactive function comes back Active (U).
    if (record.state === "Inactive") record.state = "Active";
    context.deps.executor.retire(record.name, record.serving.revisionId).catch(() => {
      // An environment that will not end is the executor's to report; the update stands.
    });
  });
}
