/**
 * How an invocation ended, and what that means for its result and log: the runtime's answer,
 * or AWS's error JSON and the REPORT status when the sandbox ended the invocation itself.
 *
 * @module
 */
import type { InvocationResult } from "../lambda/function_executor.ts";
import type { RuntimeAnswer } from "../runtime_api/runtime_invocation.ts";
import { initErrorType } from "./invocation_log.ts";
import * as sandbox from "./sandbox_errors.ts";

/** Why an invocation is over. */
export type Ending =
  | { readonly kind: "answered"; readonly answer: RuntimeAnswer }
  | { readonly kind: "timeout" }
  | { readonly kind: "startTimeout" }
  | { readonly kind: "exited"; readonly exit: sandbox.ProcessExit };

/** What the invocation's caller and log get for an ending. */
export interface EndingSummary {
  /** Success or error. */
  readonly outcome: InvocationResult["outcome"];
  /** The response, or the error JSON. */
  readonly payload: Uint8Array;
  /** The REPORT (or INIT_REPORT) status, when the sandbox ended the invocation. */
  readonly status?: "timeout" | "error";
  /** The REPORT (or INIT_REPORT) error type, with status `error`. */
  readonly errorType?: string;
}

/** Facts the summary depends on. */
export interface EndingFacts {
  /** The invocation. */
  readonly requestId: string;
  /** The function's timeout. */
  readonly timeoutSeconds: number;
  /** The error the runtime reported to `/init/error`, if it did. */
  readonly initFailure?: Uint8Array;
  /** The output of the invocation (tells an out-of-memory crash apart). */
  readonly output: string;
  /** The memory watch killed the process: it outgrew its memory size. */
  readonly memoryExceeded?: boolean;
}

/**
 * Summarizes an ending. The log gets no lines of its own for it: AWS's current format says it
 * only in the REPORT line's `Status` and `Error Type` (see `invocation_log.ts`).
 *
 * @param ending How the invocation ended.
 * @param facts The facts it depends on.
 * @returns The result's outcome and payload and the REPORT's status.
 */
export function summarizeEnding(ending: Ending, facts: EndingFacts): EndingSummary {
  const { requestId } = facts;
  if (ending.kind === "answered") return ending.answer;
  // An init retried inside the invoke that runs out of time is the invocation's timeout.
  if (ending.kind === "timeout" || ending.kind === "startTimeout") {
    return {
      outcome: "error",
      payload: sandbox.timedOut(requestId, facts.timeoutSeconds).payload,
      status: "timeout",
    };
  }
  if (facts.initFailure) {
    return {
      outcome: "error",
      payload: facts.initFailure,
      status: "error",
      errorType: initErrorType(errorTypeOf(facts.initFailure)),
    };
  }
  const failure = facts.memoryExceeded || sandbox.isOutOfMemory(ending.exit, facts.output)
    ? sandbox.outOfMemory(requestId)
    : sandbox.runtimeExited(requestId, ending.exit);
  return { outcome: "error", payload: failure.payload, status: "error", errorType: failure.errorType };
}

/**
 * The `errorType` of an error JSON a runtime posted.
 *
 * @param payload The error JSON.
 * @returns The type, or undefined when there is none or the payload is not JSON.
 */
export function errorTypeOf(payload: Uint8Array): string | undefined {
  try {
    const errorType = JSON.parse(new TextDecoder().decode(payload))?.errorType;
    return typeof errorType === "string" ? errorType : undefined;
  } catch {
    return undefined;
  }
}
