/**
 * The headers an object keeps from its upload (`Content-Type`, `x-amz-meta-*`, …) and the
 * headers GET and HEAD answer with.
 *
 * @module
 */
import { checksumHeader } from "./checksums.ts";
import { mailSafe } from "./mail_safe.ts";
import type { ObjectHeaders, StoredObject } from "./s3_records.ts";
import { faults, S3Fault } from "./s3_fault.ts";
import { httpDate, quoted } from "./s3_xml.ts";

const META_PREFIX = "x-amz-meta-";
/** S3's limit on user metadata: names and values together, in bytes. */
const MAX_METADATA_BYTES = 2048;

/**
 * The standard headers to store, read from an upload request.
 *
 * @param headers Request headers (lower-case names).
 * @param contentEncoding The `Content-Encoding` to store (already without `aws-chunked`).
 * @returns The headers to keep.
 */
export function readObjectHeaders(
  headers: Readonly<Record<string, string>>,
  contentEncoding: string | undefined,
): ObjectHeaders {
  return {
    // S3's default for an object stored without a Content-Type (S: DOC AmazonS3/latest/API/
    // API_PutObject.html, "Content-Type … Default: binary/octet-stream").
    contentType: headers["content-type"] ?? "binary/octet-stream",
    contentEncoding,
    contentDisposition: headers["content-disposition"],
    contentLanguage: headers["content-language"],
    cacheControl: headers["cache-control"],
    expires: headers["expires"],
  };
}

/**
 * User metadata from `x-amz-meta-*` headers, and for presigned requests from the query (the
 * presigner moves `x-amz-*` headers into the URL).
 *
 * @param headers Request headers (lower-case names).
 * @param query Query parameters to also read, or undefined.
 * @returns Metadata by lower-case name without the prefix.
 * @throws {S3Fault} MetadataTooLarge beyond 2 KB.
 */
export function readMetadata(
  headers: Readonly<Record<string, string>>,
  query?: URLSearchParams,
): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of query ?? []) {
    if (name.toLowerCase().startsWith(META_PREFIX)) {
      metadata[name.toLowerCase().slice(META_PREFIX.length)] = value;
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(META_PREFIX)) metadata[name.slice(META_PREFIX.length)] = value;
  }
  const size = Object.entries(metadata).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  if (size > MAX_METADATA_BYTES) {
    throw new S3Fault(
      400,
      "MetadataTooLarge",
      "Your metadata headers exceed the maximum allowed metadata size",
      {
        Size: size,
        MaxSizeAllowed: MAX_METADATA_BYTES,
      },
    );
  }
  return metadata;
}

/**
 * The algorithms the JS SDK can verify. It throws "The checksum algorithm … is not supported by
 * the client" on a GET that carries any other checksum header, so those are never sent back.
 */
const VERIFIABLE_BY_SDK: ReadonlySet<string> = new Set(["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]);

const OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ["response-content-type", "content-type"],
  ["response-content-language", "content-language"],
  ["response-expires", "expires"],
  ["response-cache-control", "cache-control"],
  ["response-content-disposition", "content-disposition"],
  ["response-content-encoding", "content-encoding"],
];

/**
 * The headers GET and HEAD send for an object (without `Content-Length`/`Content-Range`).
 *
 * @param object The object.
 * @param query The request query (`response-content-type` and friends override headers).
 * @param withChecksum Whether to send the stored full-object checksum.
 * @returns The headers.
 * @throws {S3Fault} InvalidArgument for an override that cannot be a header value.
 */
export function objectResponseHeaders(
  object: StoredObject,
  query: URLSearchParams,
  withChecksum: boolean,
): Record<string, string> {
  const out: Record<string, string> = {
    "etag": quoted(object.etag),
    "last-modified": httpDate(object.lastModified),
    "accept-ranges": "bytes",
  };
  const stored = object.headers;
  const pairs: Array<[string, string | undefined]> = [
    ["content-type", stored.contentType],
    ["content-encoding", stored.contentEncoding],
    ["content-disposition", stored.contentDisposition],
    ["content-language", stored.contentLanguage],
    ["cache-control", stored.cacheControl],
    ["expires", stored.expires],
  ];
  for (const [name, value] of pairs) if (value !== undefined) out[name] = value;
  for (const [name, value] of Object.entries(object.metadata)) out[`${META_PREFIX}${name}`] = mailSafe(value);
  for (const [parameter, header] of OVERRIDES) {
    const value = query.get(parameter);
    if (value === null) continue;
    // The value becomes a response header: line breaks or NULs would break the response.
    if (/[\0\r\n]/.test(value)) {
      throw faults.invalidArgument("Header value contains invalid characters", parameter, value);
    }
    out[header] = value;
  }
  if (withChecksum && object.checksum && VERIFIABLE_BY_SDK.has(object.checksum.algorithm)) {
    out[checksumHeader(object.checksum.algorithm)] = object.checksum.value;
    out["x-amz-checksum-type"] = "FULL_OBJECT";
  }
  return out;
}
