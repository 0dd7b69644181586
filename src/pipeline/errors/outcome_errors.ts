/**
 * Errors of the task's outcome: it threw, it ran out of time, or its result is unreadable.
 *
 * @module
 */
import { Data } from "effect";
import type { AwsError } from "../../aws/aws_error.ts";
import { awsFailureHint } from "./aws_failure_hint.ts";

/**
 * The task failed on Lambda: it threw, or its process crashed or ran out of memory. Carries
 * the remote error's name, message and stack, the task's captured output and the log tail.
 *
 * @example
 * ```ts
 * import { runOnLambda, TaskFailed } from "@covalent/awslambda";
 * await runOnLambda(() => { throw new RangeError("no"); }, []).catch((e) => {
 *   if (e instanceof TaskFailed) console.error(e.remoteName, e.remoteStack);
 * });
 * ```
 */
export class TaskFailed extends Data.Error<{
  /** The remote error's name (`RangeError`, `Runtime.OutOfMemory`, …). */
  readonly remoteName: string;
  /** The remote error's message. */
  readonly remoteMessage: string;
  /** The remote stack trace, when there is one. */
  readonly remoteStack?: string;
  /** The remote error itself, decoded (with its `cause`), when the task threw one. */
  readonly remoteError?: unknown;
  /** What the task wrote to stdout. */
  readonly stdout: string;
  /** What the task wrote to stderr. */
  readonly stderr: string;
  /** The tail of the function's log, when Lambda returned it. */
  readonly logTail: string;
  /** The full explanation. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "TaskFailed" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "TaskFailed";
}

/**
 * The task did not finish within its timeout (the function's, or the executor's wait).
 *
 * @example
 * ```ts
 * import { TaskTimedOut } from "@covalent/awslambda";
 * const isTimeout = (e: unknown) => e instanceof TaskTimedOut;
 * ```
 */
export class TaskTimedOut extends Data.Error<{
  /** The configured timeout, seconds. */
  readonly timeoutSeconds: number;
  /** The tail of the function's log, when Lambda returned it. */
  readonly logTail: string;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "TaskTimedOut" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "TaskTimedOut";
}

/**
 * The task's outcome was found but cannot be read back.
 *
 * @example
 * ```ts
 * import { ResultDecodeError } from "@covalent/awslambda";
 * const isDecode = (e: unknown) => e instanceof ResultDecodeError;
 * ```
 */
export class ResultDecodeError extends Data.Error<{
  /** The task. */
  readonly taskId: string;
  /** Where the outcome was read from (`s3://bucket/key`). */
  readonly location: string;
  /** What went wrong: the failed download, or what is wrong with the document. */
  readonly reason: AwsError | string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "ResultDecodeError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "ResultDecodeError";

  /** The cause and what to do. */
  override get message(): string {
    if (typeof this.reason !== "string") {
      return `Cannot read the outcome of task ${this.taskId} at ${this.location}: ${this.reason.message}. ` +
        awsFailureHint(this.reason, "s3:GetObject");
    }
    return `Cannot read the outcome of task ${this.taskId} at ${this.location}: ${this.reason}. Something ` +
      `else may have changed it; run with cleanup = false to inspect it.`;
  }
}
