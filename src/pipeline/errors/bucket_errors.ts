/**
 * Errors of the staging bucket: missing, not the caller's, or in another region. Each is
 * found once per executor, before any task is staged.
 *
 * @module
 */
import { Data } from "effect";
import type { AwsError } from "../../aws/aws_error.ts";

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
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "BucketNotFound" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "BucketNotFound";

  /** What is missing and the command that creates it. */
  override get message(): string {
    const constraint = this.region === "us-east-1"
      ? ""
      : ` --create-bucket-configuration LocationConstraint=${this.region}`;
    return `The staging bucket "${this.bucket}" does not exist. Create it with\n  aws s3api create-bucket ` +
      `--bucket ${this.bucket} --region ${this.region}${constraint}\nor set s3_bucket_name to a bucket of yours.`;
  }
}

/**
 * The staging bucket belongs to another account, or the credentials may not use it. Nothing
 * is uploaded to it: bucket names are global, so a well-known name may be someone else's.
 *
 * @example
 * ```ts
 * import { BucketAccessDenied } from "@covalent/awslambda";
 * const isForeign = (e: unknown) => e instanceof BucketAccessDenied;
 * ```
 */
export class BucketAccessDenied extends Data.Error<{
  /** The bucket. */
  readonly bucket: string;
  /** The caller's account, which S3 was told must own the bucket. */
  readonly accountId: string;
  /** The region of the executor. */
  readonly region: string;
  /** The refused call. */
  readonly reason: AwsError;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "BucketAccessDenied" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "BucketAccessDenied";

  /** The likely cause and a bucket name of the user's own. */
  override get message(): string {
    const own = `covalent-lambda-${this.accountId}-${this.region}`;
    return `S3 refused access to the staging bucket "${this.bucket}" for account ${this.accountId} ` +
      `(${this.reason.code}). Either another account owns a bucket of that name (bucket names are global), ` +
      `or your credentials lack s3:ListBucket on it. Use a bucket of your own: create one, e.g.\n  ` +
      `aws s3api create-bucket --bucket ${own} --region ${this.region}${
        this.region === "us-east-1" ? "" : ` --create-bucket-configuration LocationConstraint=${this.region}`
      }\nand set s3_bucket_name = "${own}".`;
  }
}

/**
 * The staging bucket is in another region than the executor's.
 *
 * @example
 * ```ts
 * import { BucketRegionMismatch } from "@covalent/awslambda";
 * const isElsewhere = (e: unknown) => e instanceof BucketRegionMismatch;
 * ```
 */
export class BucketRegionMismatch extends Data.Error<{
  /** The bucket. */
  readonly bucket: string;
  /** Where the bucket is, when S3 said. */
  readonly bucketRegion?: string;
  /** The executor's region. */
  readonly region: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "BucketRegionMismatch" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "BucketRegionMismatch";

  /** Both regions and the two ways out. */
  override get message(): string {
    const where = this.bucketRegion ?? "another region";
    return `The staging bucket "${this.bucket}" is in ${where}, but the executor runs in ${this.region}.\n` +
      `Set region = "${this.bucketRegion ?? "<the bucket's region>"}", or use a bucket in ${this.region}.`;
  }
}
