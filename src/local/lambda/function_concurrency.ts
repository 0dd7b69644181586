/**
 * Reserved concurrency: PutFunctionConcurrency, GetFunctionConcurrency and
 * DeleteFunctionConcurrency. 0 throttles every invocation of the function.
 *
 * @module
 */
import { findFunction } from "./function_lookup.ts";
import { emptyResponse, jsonResponse, readJsonObject } from "./json_exchange.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import { invalidParameter, quoted, validationFailure } from "./lambda_failure.ts";

/** PutFunctionConcurrency: `PUT /2017-10-31/functions/{Fn}/concurrency`. */
export const putFunctionConcurrency: LambdaOperationHandler = async (context, request, route) => {
  const input = await readJsonObject(request, 64 * 1024, "PutFunctionConcurrency");
  const { record } = findFunction(context, route.target ?? "", null);
  const reserved = input.ReservedConcurrentExecutions;
  if (typeof reserved !== "number" || !Number.isInteger(reserved) || reserved < 0) {
    throw validationFailure([{
      value: quoted(reserved),
      member: "reservedConcurrentExecutions",
      constraint: reserved === undefined || reserved === null
        ? "Member must not be null"
        : "Member must have value greater than or equal to 0",
    }]);
  }
  const reservedElsewhere = context.registry.list()
    .filter((other) => other !== record)
    .reduce((sum, other) => sum + (other.reservedConcurrency ?? 0), 0);
  if (reservedElsewhere + reserved > context.concurrency) {
    throw invalidParameter(
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [0].",
    );
  }
  record.reservedConcurrency = reserved;
  return jsonResponse(200, { ReservedConcurrentExecutions: reserved }, request.requestId);
};

/** GetFunctionConcurrency: `{}` when none is reserved. */
export const getFunctionConcurrency: LambdaOperationHandler = (context, request, route) => {
  const { record } = findFunction(context, route.target ?? "", null);
  const body = record.reservedConcurrency === undefined
    ? {}
    : { ReservedConcurrentExecutions: record.reservedConcurrency };
  return Promise.resolve(jsonResponse(200, body, request.requestId));
};

/** DeleteFunctionConcurrency → 204. */
export const deleteFunctionConcurrency: LambdaOperationHandler = (context, request, route) => {
  const { record } = findFunction(context, route.target ?? "", null);
  delete record.reservedConcurrency;
  return Promise.resolve(emptyResponse(204, request.requestId));
};
