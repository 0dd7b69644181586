/**
 * List prices on real AWS and the cost of a small task at them.
 *
 * Prices as of 2026-11-26, US East (N. Virginia), on-demand, no free tier, first pricing tier:
 * - AWS Lambda, https://aws.amazon.com/lambda/pricing/ : requests $0.20 per 1M; duration
 *   $0.0000166667 per GB-second (x86), billed per 1 ms.
 * - Amazon S3 Standard, https://aws.amazon.com/s3/pricing/ : PUT, COPY, POST, LIST requests
 *   $0.005 per 1,000; GET, SELECT and all other requests $0.0004 per 1,000; DELETE and CANCEL
 *   requests free.
 *
 * @module
 */

/** The date the prices below were read. */
export const PRICES_AS_OF = "2026-11-26";
/** Where they were read. */
export const PRICE_SOURCES = ["https://aws.amazon.com/lambda/pricing/", "https://aws.amazon.com/s3/pricing/"];
/** Lambda, per request (Invoke). */
export const LAMBDA_REQUEST_USD = 0.2 / 1_000_000;
/** Lambda x86 duration, per GB-second, us-east-1. */
export const LAMBDA_GB_SECOND_USD = 0.0000166667;
/** S3 Standard PUT, COPY, POST, LIST, per request. */
export const S3_PUT_CLASS_USD = 0.005 / 1000;
/** S3 Standard GET, SELECT and all other requests, per request. */
export const S3_GET_CLASS_USD = 0.0004 / 1000;
/**
 * Billed duration assumed for a small task on a warm function, ms (an assumption, not a
 * measurement: local AWS's processes are not Lambda's microVMs). Lambda bills per 1 ms.
 */
export const ASSUMED_BILLED_MS = 3;

const PUT_CLASS = new Set([
  "PutObject",
  "CopyObject",
  "UploadPart",
  "UploadPartCopy",
  "CreateMultipartUpload",
  "CompleteMultipartUpload",
  "ListObjects",
  "ListObjectsV2",
  "ListBuckets",
  "ListParts",
  "ListMultipartUploads",
  "CreateBucket",
]);
const FREE = new Set(["DeleteObject", "DeleteObjects", "AbortMultipartUpload", "DeleteBucket"]);

/** Requests a task makes, by operation (averaged over a batch). */
export interface RequestsPerTask {
  readonly lambda: Readonly<Record<string, number>>;
  readonly s3: Readonly<Record<string, number>>;
}

/** Dollars per million tasks, by part. */
export interface CostPerMillion {
  readonly lambdaRequests: number;
  readonly duration: number;
  readonly s3: number;
  readonly total: number;
}

/**
 * Dollars per million tasks: Invokes at the request price, `memoryMb` for `billedMs` at the
 * duration price, and S3 requests by class (Lambda's control-plane calls are free).
 */
export function costPerMillion(
  requests: RequestsPerTask,
  memoryMb: number,
  billedMs = ASSUMED_BILLED_MS,
): CostPerMillion {
  const invokes = requests.lambda.Invoke ?? 0;
  const lambdaRequests = invokes * LAMBDA_REQUEST_USD * 1e6;
  const duration = invokes * (memoryMb / 1024) * (billedMs / 1000) * LAMBDA_GB_SECOND_USD * 1e6;
  let s3 = 0;
  for (const [operation, count] of Object.entries(requests.s3)) {
    if (FREE.has(operation)) continue;
    s3 += count * (PUT_CLASS.has(operation) ? S3_PUT_CLASS_USD : S3_GET_CLASS_USD) * 1e6;
  }
  return { lambdaRequests, duration, s3, total: lambdaRequests + duration + s3 };
}
