/**
 * A bucket's lifecycle configuration: PutBucketLifecycleConfiguration (`PUT /<bucket>?lifecycle`),
 * GetBucketLifecycleConfiguration (`GET`) and DeleteBucketLifecycle (`DELETE`). The rules are
 * kept with the bucket (and survive restarts with it); local S3 does not act on them.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { readLifecycleRules } from "./lifecycle_parse.ts";
import { lifecycleRulesXml } from "./lifecycle_xml.ts";
import type { S3Context } from "./s3_context.ts";
import { faults, S3Fault } from "./s3_fault.ts";
import { emptyResponse, xmlResponse } from "./s3_xml.ts";
import { readXmlRequest } from "./xml_request.ts";

/** The header S3 answers Put and Get with (S: API_PutBucketLifecycleConfiguration.html). */
const MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size";
/** Its values; the first is S3's default since September 2024 (S: the same page). */
const MINIMUM_SIZES = ["all_storage_classes_128K", "varies_by_storage_class"];

/**
 * Whether the request carries an integrity check for its body: S3 requires `Content-MD5` or a
 * flexible checksum on this operation (S: API_PutBucketLifecycleConfiguration.html, "Content-MD5
 * … required for all Put Bucket Lifecycle requests"; the SDK sends `x-amz-checksum-crc32`).
 */
function hasIntegrityCheck(headers: Readonly<Record<string, string>>): boolean {
  if (headers["content-md5"] !== undefined) return true;
  const trailer = headers["x-amz-trailer"]?.toLowerCase() ?? "";
  return trailer.includes("x-amz-checksum-") ||
    Object.keys(headers).some((name) =>
      name.startsWith("x-amz-checksum-") &&
      !["x-amz-checksum-type", "x-amz-checksum-algorithm", "x-amz-checksum-mode"].includes(name)
    );
}

/**
 * PutBucketLifecycleConfiguration: validates the rules as S3 does and replaces the bucket's
 * configuration with them.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `x-amz-transition-default-minimum-object-size`.
 * @throws {S3Fault} NoSuchBucket, InvalidRequest (no checksum, duplicate tags, …), MalformedXML,
 *   InvalidArgument, BadDigest.
 */
export async function putBucketLifecycle(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): Promise<LocalResponse> {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  // S: the wording S3 answers DeleteObjects/PutBucketLifecycle without one (quoted in many
  // S3-compatible stores' trackers).
  if (!hasIntegrityCheck(request.headers)) {
    throw faults.invalidRequest("Missing required header for this request: Content-MD5");
  }
  const minimumSize = request.headers[MINIMUM_SIZE_HEADER] ?? MINIMUM_SIZES[0];
  if (!MINIMUM_SIZES.includes(minimumSize)) {
    throw faults.invalidArgument(
      `Invalid value for ${MINIMUM_SIZE_HEADER}: ${minimumSize}`,
      MINIMUM_SIZE_HEADER,
      minimumSize,
    );
  }
  const root = await readXmlRequest(request);
  if (!root) throw faults.malformedXml();
  const rules = readLifecycleRules(root);
  await context.store.setLifecycle(bucket, { rules, transitionDefaultMinimumObjectSize: minimumSize });
  return emptyResponse(request.requestId, 200, { [MINIMUM_SIZE_HEADER]: minimumSize });
}

/**
 * GetBucketLifecycleConfiguration: the rules last put.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `LifecycleConfiguration`.
 * @throws {S3Fault} NoSuchBucket, or NoSuchLifecycleConfiguration when the bucket has none.
 */
export function getBucketLifecycle(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): LocalResponse {
  const record = context.store.bucket(bucket);
  if (!record) throw faults.noSuchBucket(bucket);
  if (!record.lifecycle) {
    // S: API_GetBucketLifecycleConfiguration.html, "special error".
    throw new S3Fault(404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", {
      BucketName: bucket,
    });
  }
  return xmlResponse(request.requestId, "LifecycleConfiguration", lifecycleRulesXml(record.lifecycle.rules), {
    [MINIMUM_SIZE_HEADER]: record.lifecycle.transitionDefaultMinimumObjectSize,
  });
}

/**
 * DeleteBucketLifecycle: removes the configuration; 204 whether or not there was one
 * (S: API_DeleteBucketLifecycle.html).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 204.
 * @throws {S3Fault} NoSuchBucket.
 */
export async function deleteBucketLifecycle(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): Promise<LocalResponse> {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  await context.store.setLifecycle(bucket, undefined);
  return emptyResponse(request.requestId, 204);
}
