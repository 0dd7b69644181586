/**
 * Errors of the invoke step.
 *
 * @module
 */
import { Data } from "effect";

/**
 * Lambda refused or failed the invocation itself (not the task: see `TaskFailed`).
 *
 * @example
 * ```ts
 * import { InvokeError } from "@covalent/awslambda";
 * const isInvoke = (e: unknown) => e instanceof InvokeError;
 * ```
 */
export class InvokeError extends Data.Error<{
  /** The function that was invoked. */
  readonly functionName: string;
  /** The underlying failure. */
  readonly reason: unknown;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "InvokeError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "InvokeError";
}

/**
 * Lambda throttled the invocation (concurrency limit) and retries did not get through.
 *
 * @example
 * ```ts
 * import { Throttled } from "@covalent/awslambda";
 * const isThrottled = (e: unknown) => e instanceof Throttled;
 * ```
 */
export class Throttled extends Data.Error<{
  /** The function that was invoked. */
  readonly functionName: string;
  /** AWS's reason, e.g. `ConcurrentInvocationLimitExceeded`. */
  readonly limit: string;
  /** How many attempts were made. */
  readonly attempts: number;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "Throttled" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "Throttled";
}
