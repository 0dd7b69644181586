/**
 * Who may use a bucket, and from which region: the checks every bucket and object operation
 * passes before it runs.
 *
 * Order, as S3 has it: the region first (S3's front end redirects a request for another
 * region's bucket before that region evaluates the caller; a redirect even reaches anonymous
 * callers), then the owner. Local AWS has no bucket policies or ACLs, so only the owning account
 * may use a bucket.
 *
 * @module
 */
import type { ServiceRequest } from "../service.ts";
import type { S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import type { BucketRecord } from "./s3_records.ts";

/**
 * The account that owns a bucket.
 *
 * @param context The S3 state (for the primary account of buckets without an owner).
 * @param record The bucket.
 * @returns The owner's account id.
 */
export function bucketOwner(context: S3Context, record: BucketRecord): string {
  return record.owner ?? context.account.accountId;
}

/**
 * Checks a request against an existing bucket; a missing bucket is left to the operation
 * (NoSuchBucket).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket it addresses.
 * @throws {S3Fault} 301 PermanentRedirect when it was signed for another region; 403
 *   AccessDenied when the caller's account does not own the bucket, or when
 *   `x-amz-expected-bucket-owner` names another account (S: DOC, every operation's
 *   ExpectedBucketOwner: "the request fails with the HTTP status code 403 Forbidden").
 */
export function checkBucketAccess(context: S3Context, request: ServiceRequest, bucket: string): void {
  const record = context.store.bucket(bucket);
  if (record === undefined) return;
  if (record.region !== request.region) throw faults.permanentRedirect(bucket, record.region);
  checkOwner(context, request, record, expectedOwner(request, "x-amz-expected-bucket-owner"));
}

/**
 * Checks the source bucket of CopyObject: the caller's account must own it, and
 * `x-amz-source-expected-bucket-owner` must name its owner when present. Copies read across
 * regions, so the source's region does not matter.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The source bucket.
 * @throws {S3Fault} 403 AccessDenied.
 */
export function checkCopySourceAccess(context: S3Context, request: ServiceRequest, bucket: string): void {
  const record = context.store.bucket(bucket);
  if (record === undefined) return;
  checkOwner(context, request, record, expectedOwner(request, "x-amz-source-expected-bucket-owner"));
}

function checkOwner(
  context: S3Context,
  request: ServiceRequest,
  record: BucketRecord,
  expected: string | undefined,
): void {
  const owner = bucketOwner(context, record);
  if (request.caller?.accountId !== owner) throw faults.accessDenied();
  if (expected !== undefined && expected !== owner) throw faults.accessDenied();
}

/** The header, or for a presigned URL the query parameter the presigner hoisted it into. */
function expectedOwner(request: ServiceRequest, name: string): string | undefined {
  const header = request.headers[name];
  if (header !== undefined) return header.trim();
  for (const [key, value] of request.query) {
    if (key.toLowerCase() === name) return value.trim();
  }
  return undefined;
}
