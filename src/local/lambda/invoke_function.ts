/**
 * Invoke: `POST /2015-03-31/functions/{Fn}/invocations`. RequestResponse answers 200 with the
 * function's response or error (function errors are data: `X-Amz-Function-Error: Unhandled`,
 * never a 5xx the SDK would retry); Event answers 202 and runs in the background; DryRun 204.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { LocalResponse } from "../http/exchange.ts";
import { ConcurrencyLimitExceeded, type InvocationResult, type ThrottleReason } from "./function_executor.ts";
import { assertActive, refuseWhileRestoring } from "./function_lifecycle.ts";
import { findFunction } from "./function_lookup.ts";
import { servingSpec } from "./function_spec.ts";
import { decodeClientContext, readInvocationPayload } from "./invocation_payload.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import { LambdaFailure, validationFailure } from "./lambda_failure.ts";

/** Largest response a function may return (6 MiB + 100 bytes). */
export const RESPONSE_LIMIT = 6_291_556;

const LOG_TAIL_BYTES = 4096;
const INVOCATION_TYPES = ["Event", "RequestResponse", "DryRun"];

const RESPONSE_TOO_LARGE = new TextEncoder().encode(JSON.stringify({
  errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT} bytes).`,
  errorType: "Function.ResponseSizeTooLarge",
}));

/** Handles Invoke. */
export const invoke: LambdaOperationHandler = async (context, request, route) => {
  const invocationType = request.headers["x-amz-invocation-type"] || "RequestResponse";
  const logType = request.headers["x-amz-log-type"] || "None";
  if (!INVOCATION_TYPES.includes(invocationType)) {
    throw validationFailure([{
      value: `'${invocationType}'`,
      member: "invocationType",
      constraint: "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
    }]);
  }
  if (logType !== "None" && logType !== "Tail") {
    throw validationFailure([{
      value: `'${logType}'`,
      member: "logType",
      constraint: "Member must satisfy enum value set: [None, Tail]",
    }]);
  }
  const { record, qualifier } = findFunction(
    context,
    route.target ?? "",
    request.query.get("Qualifier"),
    ":$LATEST",
  );
  // Every invocation type wakes an Inactive function and fails; U for Event and DryRun, which
  // no public trace shows.
  refuseWhileRestoring(context, record);
  assertActive(record);
  const payload = await readInvocationPayload(request.body, invocationType);
  const invokedFunctionArn = qualifier === undefined ? record.arn : `${record.arn}:${qualifier}`;
  const requestId = request.requestId;
  if (invocationType === "DryRun") return { status: 204, headers: { "x-amzn-requestid": requestId } };
  if (invocationType === "Event") {
    context.asyncInvocations.enqueue({ record, payload, requestId, invokedFunctionArn });
    return { status: 202, headers: { "x-amzn-requestid": requestId } };
  }
  const clientContext = decodeClientContext(request.headers["x-amz-client-context"]);
  if (record.reservedConcurrency === 0) throw throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
  let result: InvocationResult;
  try {
    result = await context.deps.executor.invoke(servingSpec(record), {
      requestId,
      payload,
      invokedFunctionArn,
      ...(clientContext === undefined ? {} : { clientContext }),
    });
  } catch (error) {
    if (error instanceof ConcurrencyLimitExceeded) throw throttled(error.reason);
    throw new LambdaFailure(
      500,
      "ServiceException",
      `Could not run the function: ${(error as Error).message}`,
    );
  }
  return invocationResponse(result, requestId, logType === "Tail");
};

function invocationResponse(result: InvocationResult, requestId: string, tail: boolean): LocalResponse {
  const tooLarge = result.payload.length > RESPONSE_LIMIT;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amzn-requestid": requestId,
    "x-amz-executed-version": "$LATEST",
  };
  if (result.outcome === "error" || tooLarge) headers["x-amz-function-error"] = "Unhandled";
  if (tail) headers["x-amz-log-result"] = logTail(result.log);
  return { status: 200, headers, body: tooLarge ? RESPONSE_TOO_LARGE : result.payload };
}

/** Base64 of the last 4 KB of the invocation's log, as `X-Amz-Log-Result` carries it. */
function logTail(log: string): string {
  const bytes = Buffer.from(log, "utf8");
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString("base64");
}

function throttled(reason: ThrottleReason): LambdaFailure {
  return new LambdaFailure(429, "TooManyRequestsException", "Rate Exceeded.", { Reason: reason }, {
    "retry-after": "1",
  });
}
