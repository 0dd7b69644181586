/**
 * Errors of the invoke step.
 *
 * @module
 */
import { Data } from "effect";
import type { AwsError } from "../../aws/aws_error.ts";
import { awsFailureHint } from "./aws_failure_hint.ts";

/**
 * Lambda refused or failed the invocation itself (not the task: see `TaskFailed`). It says
 * whether the task may have run: only a refusal before the request reached the function
 * (credentials, permissions, a missing function) means it certainly did not.
 *
 * @example Retry only what certainly did not run
 * ```ts
 * import { InvokeError } from "@covalent/awslambda";
 * const safeToRetry = (e: unknown) => e instanceof InvokeError && !e.mayHaveRun;
 * ```
 */
export class InvokeError extends Data.Error<{
  /** The function that was invoked. */
  readonly functionName: string;
  /** The failed call. */
  readonly reason: AwsError;
  /** False when AWS refused the request, so the task did not run; true when it may have. */
  readonly mayHaveRun: boolean;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "InvokeError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "InvokeError";

  /** The cause, whether the task ran, and what to do. */
  override get message(): string {
    const ran = this.mayHaveRun
      ? "The task may have run (its outcome was not seen)."
      : "The task did not run.";
    return `Invoking "${this.functionName}" failed: ${this.reason.message}. ${ran} ` +
      awsFailureHint(this.reason, "lambda:InvokeFunction");
  }
}

/**
 * Lambda throttled the invocation (concurrency or rate limit) and retries did not get
 * through. The task did not run.
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
  /** How many invocations were attempted, all throttled. */
  readonly attempts: number;
  /** The last throttled call. */
  readonly reason: AwsError;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "Throttled" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "Throttled";

  /** What happened and what to do. */
  override get message(): string {
    return `Lambda throttled all ${this.attempts} invocations of "${this.functionName}" (${this.reason.code}: ` +
      `${this.reason.awsMessage || "rate exceeded"}); the task did not run. Run fewer tasks at once ` +
      `(max_concurrency), or ask AWS for a higher concurrency limit.`;
  }
}
