/**
 * Errors of the stage step: the task cannot be encoded, or cannot be uploaded.
 *
 * @module
 */
import { Data } from "effect";

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
 * Uploading the task to S3 (or keeping its local copy in the cache directory) failed.
 *
 * @example
 * ```ts
 * import { StagingError } from "@covalent/awslambda";
 * const isStaging = (e: unknown) => e instanceof StagingError;
 * ```
 */
export class StagingError extends Data.Error<{
  /** Bucket of the upload. */
  readonly bucket: string;
  /** Object key of the upload. */
  readonly key: string;
  /** The underlying failure. */
  readonly reason: unknown;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "StagingError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "StagingError";
}

/**
 * The staging bucket does not exist. The message carries the command that creates it.
 *
 * @example
 * ```ts
 * import { BucketNotFound } from "@covalent/awslambda";
 * const isMissingBucket = (e: unknown) => e instanceof BucketNotFound;
 * ```
 */
export class BucketNotFound extends Data.Error<{
  /** The bucket that was looked for. */
  readonly bucket: string;
  /** The region it was looked for in. */
  readonly region: string;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "BucketNotFound" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "BucketNotFound";
}
