/**
 * What an executor checks once when it is built: that the staging bucket exists, is the
 * caller's and is in the region, and how many tasks the account lets run at once.
 *
 * @module
 */
import { Effect } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import { AwsSession } from "../aws/aws_session.ts";
import { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "./errors/bucket_errors.ts";

/** The most concurrency taken from the account by default: more is rarely faster from one process. */
const DEFAULT_CONCURRENCY_CAP = 512;
/** Concurrency when the account's cannot be read. */
const FALLBACK_CONCURRENCY = 50;

/** The account's unreserved concurrency, capped; a default when it cannot be read. */
export const accountConcurrency: Effect.Effect<number, never, LambdaApi> = LambdaApi.use((lambda) =>
  lambda.unreservedConcurrency()
).pipe(
  Effect.map((unreserved) => Math.max(1, Math.min(DEFAULT_CONCURRENCY_CAP, unreserved))),
  Effect.catch((error) =>
    Effect.logInfo(
      `cannot read the account's concurrency (${error.message}); running at most ${FALLBACK_CONCURRENCY} tasks at once`,
    ).pipe(Effect.as(FALLBACK_CONCURRENCY))
  ),
);

/**
 * Checks that the staging bucket exists, belongs to the caller and is in the session's region.
 *
 * @param bucket The staging bucket.
 * @returns Nothing; fails with the typed error that says what to fix.
 */
export function checkBucket(
  bucket: string,
): Effect.Effect<
  void,
  AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch,
  S3Api | AwsSession
> {
  return Effect.gen(function* () {
    const session = yield* AwsSession;
    const s3 = yield* S3Api;
    const bucketRegion = yield* s3.bucketRegion(bucket).pipe(
      Effect.mapError((error): AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch => {
        switch (error.reason._tag) {
          case "NotFound":
            return new BucketNotFound({ bucket, region: session.region });
          case "AccessDenied":
            return new BucketAccessDenied({
              bucket,
              accountId: session.accountId,
              region: session.region,
              reason: error,
            });
          case "WrongRegion":
            return new BucketRegionMismatch({
              bucket,
              bucketRegion: error.reason.bucketRegion,
              region: session.region,
            });
          default:
            return error;
        }
      }),
    );
    if (bucketRegion !== session.region) {
      return yield* new BucketRegionMismatch({ bucket, bucketRegion, region: session.region });
    }
  });
}
