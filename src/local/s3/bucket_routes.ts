/**
 * Bucket operations: CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { childText } from "../xml/xml_reader.ts";
import { bucketOwner } from "./bucket_access.ts";
import { isValidBucketName } from "./bucket_names.ts";
import type { S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { element, emptyResponse, isoTime, xmlResponse } from "./s3_xml.ts";
import { readXmlRequest } from "./xml_request.ts";

/** The region whose endpoint is also S3's global one, with its own CreateBucket rules. */
const US_EAST_1 = "us-east-1";

/**
 * Decides the region of a new bucket as S3 does. The client's region is the signing region.
 * In us-east-1 the constraint is optional (and `us-east-1` itself is refused); elsewhere it
 * must name the client's region.
 */
function bucketRegion(clientRegion: string, constraint: string | undefined): string {
  if (clientRegion === US_EAST_1) {
    if (constraint === US_EAST_1) throw faults.invalidLocationConstraint(constraint);
    return constraint ?? US_EAST_1;
  }
  if (constraint !== clientRegion) throw faults.illegalLocationConstraint(constraint);
  return constraint;
}

/**
 * CreateBucket: `PUT /<bucket>/`. Creating a bucket you already own is a 200 in us-east-1
 * and BucketAlreadyOwnedByYou elsewhere; a name another account owns is BucketAlreadyExists
 * (bucket names are shared by every account). The new bucket belongs to the caller's account.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket name.
 * @returns 200 with `Location: /<bucket>`.
 * @throws {S3Fault} InvalidBucketName, IllegalLocationConstraintException, BucketAlreadyOwnedByYou,
 *   BucketAlreadyExists, MalformedXML.
 */
export async function createBucket(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): Promise<LocalResponse> {
  if (!isValidBucketName(bucket)) throw faults.invalidBucketName(bucket);
  const configuration = await readXmlRequest(request);
  if (configuration && configuration.name !== "CreateBucketConfiguration") throw faults.malformedXml();
  const constraint = configuration
    ? childText(configuration, "LocationConstraint")?.trim() || undefined
    : undefined;
  const region = bucketRegion(request.region, constraint);
  const owner = request.caller?.accountId ?? context.account.accountId;
  const existing = context.store.bucket(bucket);
  if (existing) {
    if (bucketOwner(context, existing) !== owner) throw faults.bucketAlreadyExists(bucket);
    if (request.region === US_EAST_1 && existing.region === US_EAST_1) {
      return emptyResponse(request.requestId, 200, { location: `/${bucket}` });
    }
    throw faults.bucketAlreadyOwnedByYou(bucket);
  }
  const created = await context.store.createBucket(bucket, region, owner);
  // Another account's concurrent create of the same name may have won.
  if (bucketOwner(context, created) !== owner) throw faults.bucketAlreadyExists(bucket);
  return emptyResponse(request.requestId, 200, { location: `/${bucket}` });
}

/**
 * HeadBucket: `HEAD /<bucket>/`. A missing bucket is a bare 404 (the SDK's `NotFound`).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket name.
 * @returns 200 with `x-amz-bucket-region`, or 404.
 */
export function headBucket(context: S3Context, request: ServiceRequest, bucket: string): LocalResponse {
  const record = context.store.bucket(bucket);
  if (!record) return emptyResponse(request.requestId, 404);
  return emptyResponse(request.requestId, 200, {
    "x-amz-bucket-region": record.region,
    "x-amz-access-point-alias": "false",
  });
}

/**
 * DeleteBucket: `DELETE /<bucket>/`; refused while the bucket holds objects. Unfinished
 * multipart uploads go with it.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket name.
 * @returns 204.
 * @throws {S3Fault} NoSuchBucket or BucketNotEmpty.
 */
export async function deleteBucket(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): Promise<LocalResponse> {
  await context.store.deleteBucket(bucket);
  await context.uploads.removeBucket(bucket);
  return emptyResponse(request.requestId, 204);
}

/**
 * ListBuckets: `GET /`, with the optional `prefix`, `bucket-region`, `max-buckets` and
 * `continuation-token` of the paginated form. Lists the caller's account's buckets only.
 *
 * @param context The S3 state.
 * @param request The request.
 * @returns 200 with `ListAllMyBucketsResult`.
 */
export function listBuckets(context: S3Context, request: ServiceRequest): LocalResponse {
  const prefix = request.query.get("prefix") ?? "";
  const region = request.query.get("bucket-region");
  const token = request.query.get("continuation-token");
  const after = token ? Buffer.from(token, "base64url").toString("utf8") : undefined;
  const maxText = request.query.get("max-buckets");
  const max = maxText === null ? 10000 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 10000) {
    throw faults.invalidArgument(
      "Argument max-buckets must be an integer between 1 and 10000.",
      "max-buckets",
      maxText!,
    );
  }
  const caller = request.caller?.accountId ?? context.account.accountId;
  const matching = context.store.buckets().filter((record) =>
    bucketOwner(context, record) === caller && record.name.startsWith(prefix) &&
    (region === null || record.region === region) &&
    (after === undefined || record.name > after)
  );
  const page = matching.slice(0, max);
  const next = matching.length > max
    ? Buffer.from(page[page.length - 1].name).toString("base64url")
    : undefined;
  const buckets = page.map((record) =>
    `<Bucket>${element("Name", record.name)}${element("CreationDate", isoTime(record.createdAt))}${
      element("BucketRegion", record.region)
    }</Bucket>`
  ).join("");
  return xmlResponse(
    request.requestId,
    "ListAllMyBucketsResult",
    // No `DisplayName` since 2025-11-21 (S: docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html).
    `<Owner>${element("ID", caller)}</Owner>` +
      `<Buckets>${buckets}</Buckets>` + element("ContinuationToken", next) +
      (prefix ? element("Prefix", prefix) : ""),
  );
}

/**
 * GetBucketLocation: `GET /<bucket>/?location`; empty for us-east-1, as S3 answers.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket name.
 * @returns 200 with `LocationConstraint`.
 * @throws {S3Fault} NoSuchBucket.
 */
export function getBucketLocation(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): LocalResponse {
  const record = context.store.bucket(bucket);
  if (!record) throw faults.noSuchBucket(bucket);
  return xmlResponse(
    request.requestId,
    "LocationConstraint",
    record.region === US_EAST_1 ? "" : record.region,
  );
}
