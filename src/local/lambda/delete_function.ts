/**
 * DeleteFunction: `DELETE /2015-03-31/functions/{Fn}` → 204. Its environments end at once,
 * queued asynchronous events are dropped and its code is removed from disk.
 *
 * @module
 */
import { findFunction } from "./function_lookup.ts";
import { emptyResponse } from "./json_exchange.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import { invalidParameter } from "./lambda_failure.ts";

/** Handles DeleteFunction. */
export const deleteFunction: LambdaOperationHandler = async (context, request, route) => {
  const { record, qualifier } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  if (qualifier === "$LATEST") {
    throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  }
  context.registry.remove(record.name);
  try {
    await context.deps.executor.retire(record.name);
  } catch {
    // The function is gone either way; a process that would not end is the executor's to report.
  }
  await context.codeStore.removeFunction(record.name);
  return emptyResponse(204, request.requestId);
};
