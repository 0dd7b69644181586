/**
 * How the runtime finished an invocation, as `platform.runtimeDone` says it, after AWS's own
 * code (S: RIE `internal/lambda-managed-instances/interop/error_utils.go`
 * `BuildStatusFromError` and `rapid/model/error_types.go` `GetValidRuntimeOrFunctionErrorType`;
 * RIE `internal/lambda/rapid/handlers.go` `handleReset`):
 * - an answer posted to `/response`: `success`;
 * - an error posted to `/error` (the handler threw): `error`, with the error type the runtime
 *   gave when it is a `Runtime.*` or `Function.*` type, else `Runtime.Unknown`; AWS's Node.js
 *   runtime sends no type header on `/error`, so a handler's `TypeError` is `Runtime.Unknown`;
 * - the function's timeout: `timeout`, without an error type;
 * - the runtime ended (crash, out of memory, failed init): `error` with its `Runtime.*` type;
 *   `failure` only for the sandbox's own `Sandbox.*` errors.
 *
 * @module
 */
import { type EndingSummary, errorTypeOf } from "./invocation_ending.ts";
import type { RuntimeDone } from "./platform_records.ts";

/**
 * The `platform.runtimeDone` status and error type of an invocation.
 *
 * @example
 * ```ts
 * runtimeDone({ outcome: "error", payload: encode({ errorType: "TypeError" }) });
 * // { status: "error", errorType: "Runtime.Unknown" }
 * ```
 *
 * @param facts How it ended.
 * @returns The status and error type.
 */
export function runtimeDone(facts: EndingSummary): RuntimeDone {
  if (facts.status === "timeout") return { status: "timeout" };
  if (facts.status === "error") {
    const errorType = facts.errorType ?? "Runtime.Unknown";
    return { status: errorType.startsWith("Sandbox.") ? "failure" : "error", errorType };
  }
  if (facts.outcome === "success") return { status: "success" };
  return { status: "error", errorType: validErrorType(errorTypeOf(facts.payload)) };
}

function validErrorType(errorType: string | undefined): string {
  return errorType !== undefined && /^(Runtime|Function)\.[A-Z][a-zA-Z]+/.test(errorType)
    ? errorType
    : "Runtime.Unknown";
}
