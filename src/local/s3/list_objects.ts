/**
 * ListObjectsV2 (`GET /<bucket>/?list-type=2`) and the original ListObjects (`GET /<bucket>/`).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { type ListingPage, listKeys } from "./list_keys.ts";
import type { S3Context } from "./s3_context.ts";
import type { StoredObject } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import { element, isoTime, quoted, xmlResponse } from "./s3_xml.ts";

const MAX_KEYS = 1000;

interface ListingParameters {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly encode: (text: string) => string;
  readonly encodingType?: string;
}

function readParameters(query: URLSearchParams): ListingParameters {
  const maxKeysText = query.get("max-keys");
  const maxKeys = maxKeysText === null ? MAX_KEYS : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0 || maxKeys > 2 ** 31 - 1) {
    throw faults.invalidArgument(
      "Provided max-keys not an integer or within integer range",
      "max-keys",
      maxKeysText ?? "",
    );
  }
  const encodingType = query.get("encoding-type") ?? undefined;
  if (encodingType !== undefined && encodingType.toLowerCase() !== "url") {
    throw faults.invalidArgument(
      "Invalid Encoding Method specified in Request",
      "encoding-type",
      encodingType,
    );
  }
  return {
    prefix: query.get("prefix") ?? "",
    delimiter: query.get("delimiter") || undefined,
    maxKeys: Math.min(maxKeys, MAX_KEYS),
    // With encoding-type=url, S3 percent-encodes names in the answer; the SDK does not decode.
    encode: encodingType ? (text) => encodeURIComponent(text).replace(/%2F/g, "/") : (text) => text,
    encodingType: encodingType?.toLowerCase(),
  };
}

function contents(object: StoredObject, encode: (text: string) => string, withOwner: string): string {
  const checksum = object.checksum
    ? element("ChecksumAlgorithm", object.checksum.algorithm) +
      element("ChecksumType", object.checksumType ?? "FULL_OBJECT")
    : "";
  return `<Contents>${element("Key", encode(object.key))}${
    element("LastModified", isoTime(object.lastModified))
  }${element("ETag", quoted(object.etag))}${checksum}${element("Size", object.size)}${withOwner}${
    element("StorageClass", "STANDARD")
  }</Contents>`;
}

function pageEntries(
  context: S3Context,
  bucket: string,
  page: ListingPage,
  parameters: ListingParameters,
  owner: string,
): string {
  const objects = page.keys
    .map((key) => context.store.object(bucket, key))
    .filter((object): object is StoredObject => object !== undefined);
  return objects.map((object) => contents(object, parameters.encode, owner)).join("") +
    page.commonPrefixes.map((prefix) =>
      `<CommonPrefixes>${element("Prefix", parameters.encode(prefix))}</CommonPrefixes>`
    )
      .join("");
}

// No `DisplayName`: S3 stopped returning it on 2025-11-21 (S: docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html,
// end of support notice).
function ownerXml(context: S3Context): string {
  return `<Owner>${element("ID", context.account.accountId)}</Owner>`;
}

/**
 * ListObjectsV2: pages of keys and common prefixes, resumed by an opaque continuation token.
 * `NextContinuationToken` is sent only when the page is truncated (the SDK paginator loops on
 * any token it gets).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `ListBucketResult`.
 * @throws {S3Fault} NoSuchBucket or InvalidArgument.
 */
export function listObjectsV2(context: S3Context, request: ServiceRequest, bucket: string): LocalResponse {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const parameters = readParameters(request.query);
  const token = request.query.get("continuation-token") ?? undefined;
  const startAfter = request.query.get("start-after") ?? undefined;
  const after = token !== undefined ? decodeToken(token) : startAfter || undefined;
  const page = listKeys(context.store.sortedKeys(bucket), { ...parameters, after });
  const owner = request.query.get("fetch-owner") === "true" ? ownerXml(context) : "";
  const next = page.truncated && page.last !== undefined ? encodeToken(page.last) : undefined;
  return xmlResponse(
    request.requestId,
    "ListBucketResult",
    element("Name", bucket) + element("Prefix", parameters.encode(parameters.prefix)) +
      element("Delimiter", parameters.delimiter && parameters.encode(parameters.delimiter)) +
      element("MaxKeys", parameters.maxKeys) + element("EncodingType", parameters.encodingType) +
      element("KeyCount", page.keys.length + page.commonPrefixes.length) +
      element("IsTruncated", page.truncated) + element("ContinuationToken", token) +
      element("NextContinuationToken", next) +
      element("StartAfter", startAfter && parameters.encode(startAfter)) +
      pageEntries(context, bucket, page, parameters, owner),
  );
}

/**
 * ListObjects (version 1): pages resumed by `marker`; `NextMarker` is sent when a truncated
 * page was listed with a delimiter (otherwise clients resume after the last key).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `ListBucketResult`.
 * @throws {S3Fault} NoSuchBucket or InvalidArgument.
 */
export function listObjectsV1(context: S3Context, request: ServiceRequest, bucket: string): LocalResponse {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const parameters = readParameters(request.query);
  const marker = request.query.get("marker") ?? "";
  const page = listKeys(context.store.sortedKeys(bucket), { ...parameters, after: marker || undefined });
  const nextMarker = page.truncated && parameters.delimiter ? page.last : undefined;
  return xmlResponse(
    request.requestId,
    "ListBucketResult",
    element("Name", bucket) + element("Prefix", parameters.encode(parameters.prefix)) +
      element("Marker", parameters.encode(marker)) +
      element("NextMarker", nextMarker && parameters.encode(nextMarker)) +
      element("MaxKeys", parameters.maxKeys) +
      element("Delimiter", parameters.delimiter && parameters.encode(parameters.delimiter)) +
      element("EncodingType", parameters.encodingType) + element("IsTruncated", page.truncated) +
      pageEntries(context, bucket, page, parameters, ownerXml(context)),
  );
}

function encodeToken(last: string): string {
  return Buffer.from(`v1:${last}`, "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  const decoded = /^[A-Za-z0-9_-]*$/.test(token) ? Buffer.from(token, "base64url").toString("utf8") : "";
  if (!decoded.startsWith("v1:")) {
    throw faults.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  }
  return decoded.slice(3);
}
