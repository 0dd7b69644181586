/**
 * Errors of the stage step: the task cannot be encoded, or cannot be uploaded.
 *
 * @module
 */
import { Data } from "effect";
import type { AwsError } from "../../aws/aws_error.ts";
import { awsFailureHint } from "./aws_failure_hint.ts";

/**
 * The task or its arguments cannot be sent to Lambda: a closure over outer variables, a value
 * that does not survive the trip (a function, a class instance, a symbol), or a module that
 * does not bundle. Raised before anything is uploaded.
 *
 * @example
 * ```ts
 * import { runOnLambda, TaskEncodingError } from "@covalent/awslambda";
 * const limit = 3;
 * await runOnLambda((n: number) => n < limit, [1]).catch((e) => {
 *   if (e instanceof TaskEncodingError) console.error(e.message); // names `limit`
 * });
 * ```
 */
export class TaskEncodingError extends Data.Error<{
  /** What could not be encoded: `task` or the path of the value (`args[0].callback`). */
  readonly path: string;
  /** The underlying problem. */
  readonly reason: unknown;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "TaskEncodingError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "TaskEncodingError";
}

/**
 * Where staging failed without AWS: the local copy in the cache directory.
 *
 * @example
 * ```ts
 * import type { CacheWriteFailure } from "@covalent/awslambda";
 * const failure: CacheWriteFailure = { _tag: "CacheWriteFailure", path: "/tmp/covalent/x", detail: "EACCES" };
 * ```
 */
export interface CacheWriteFailure {
  /** Discriminant. */
  readonly _tag: "CacheWriteFailure";
  /** The directory that could not be written. */
  readonly path: string;
  /** The file system's complaint. */
  readonly detail: string;
}

/**
 * Uploading the task to S3 (or keeping its local copy in the cache directory) failed. The
 * message says which, and what to do for that cause.
 *
 * @example
 * ```ts
 * import { StagingError } from "@covalent/awslambda";
 * const isStaging = (e: unknown) => e instanceof StagingError;
 * ```
 */
export class StagingError extends Data.Error<{
  /** The task being staged. */
  readonly taskId: string;
  /** Bucket of the upload. */
  readonly bucket: string;
  /** Object key of the upload. */
  readonly key: string;
  /** The failed S3 call, or the cache directory that could not be written. */
  readonly reason: AwsError | CacheWriteFailure;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "StagingError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "StagingError";

  /** The cause and what to do. */
  override get message(): string {
    const reason = this.reason;
    if (reason._tag === "CacheWriteFailure") {
      return `Cannot stage task ${this.taskId}: writing its local copy under ${reason.path} failed ` +
        `(${reason.detail}). Make \`cache_dir\` a writable directory.`;
    }
    return `Cannot stage task ${this.taskId} at s3://${this.bucket}/${this.key}: ${reason.message}. ` +
      awsFailureHint(reason, "s3:PutObject");
  }
}
