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
 * The headers GET and HEAD send for an object (without `Content-Length`/`Content-Range` and the
 * checksum).
 *
 * @param object The object.
 * @param query The request query (`response-content-type` and friends override headers).
 * @returns The headers.
 * @throws {S3Fault} InvalidArgument for an override that cannot be a header value.
 */
export function objectResponseHeaders(object: StoredObject, query: URLSearchParams): Record<string, string> {
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
  return out;
}

/**
 * The checksum as S3 shows it on the object: a composite value ends in `-<parts>`.
 *
 * @param object The stored object.
 * @returns The value for `x-amz-checksum-<alg>` / `Checksum<ALG>`, or undefined.
 */
export function shownChecksumValue(
  object: Pick<StoredObject, "checksum" | "checksumType" | "partSizes" | "partChecksums">,
): string | undefined {
  if (!object.checksum) return undefined;
  return object.checksumType === "COMPOSITE"
    ? `${object.checksum.value}-${object.partSizes?.length ?? object.partChecksums?.length ?? 1}`
    : object.checksum.value;
}

/**
 * The checksum headers of a GET or HEAD with `x-amz-checksum-mode: ENABLED`, as S3 sends them
 * (S: LS-snap test_complete_multipart_parts_checksum_{composite,full_object} and
 * test_get_object_part_checksum, recorded against S3 2026-02-21):
 * - the whole object: its checksum and type (a composite value ends in `-<parts>`);
 * - one part (`partNumber`) of a composite object: that part's checksum, type COMPOSITE;
 * - one part of another object: the object's checksum when the part is all of it (a one-part
 *   upload), else nothing;
 * - a `Range`: nothing (the SDK checks the bytes it gets against any checksum sent with them).
 *
 * @param object The object.
 * @param range The bytes sent, when not all of them.
 * @param partNumber The `partNumber` asked for, if any.
 * @returns `x-amz-checksum-<alg>` and `x-amz-checksum-type`, or nothing.
 */
export function checksumResponseHeaders(
  object: StoredObject,
  range: { readonly start: number; readonly end: number } | undefined,
  partNumber: number | undefined,
): Record<string, string> {
  const checksum = object.checksum;
  if (!checksum || !VERIFIABLE_BY_SDK.has(checksum.algorithm)) return {};
  const type = object.checksumType ?? "FULL_OBJECT";
  const header = checksumHeader(checksum.algorithm);
  const partValue = partNumber === undefined ? undefined : object.partChecksums?.[partNumber - 1];
  if (type === "COMPOSITE" && partValue !== undefined) {
    return { [header]: partValue, "x-amz-checksum-type": type };
  }
  const whole = !range || (partNumber !== undefined && range.start === 0 && range.end === object.size - 1);
  const value = shownChecksumValue(object);
  return whole && value !== undefined ? { [header]: value, "x-amz-checksum-type": type } : {};
}
