/**
 * ListParts (`GET /<bucket>/<key>?uploadId=…`) and ListMultipartUploads (`GET /<bucket>/?uploads`).
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { findUpload } from "./multipart_upload.ts";
import type { S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { element, isoTime, quoted, xmlResponse } from "./s3_xml.ts";

function readLimit(query: URLSearchParams, name: string): number {
  const text = query.get(name);
  const value = text === null ? 1000 : Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw faults.invalidArgument(`Provided ${name} not an integer or within integer range`, name, text ?? "");
  }
  return Math.min(value, 1000);
}

/**
 * ListParts: the parts uploaded so far, paged by `part-number-marker` and `max-parts`.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200 with `ListPartsResult`.
 * @throws {S3Fault} NoSuchBucket or NoSuchUpload.
 */
export function listParts(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): LocalResponse {
  const uploadId = request.query.get("uploadId") ?? "";
  const upload = findUpload(context, bucket, key, uploadId);
  const marker = Number(request.query.get("part-number-marker") ?? "0") || 0;
  const maxParts = readLimit(request.query, "max-parts");
  const after = [...context.uploads.parts(uploadId).values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  const parts = page.map((part) =>
    `<Part>${element("PartNumber", part.partNumber)}${element("LastModified", isoTime(part.lastModified))}${
      element("ETag", quoted(part.etag))
    }${element("Size", part.size)}${
      part.checksum ? element(`Checksum${part.checksum.algorithm}`, part.checksum.value) : ""
    }</Part>`
  ).join("");
  return xmlResponse(
    request.requestId,
    "ListPartsResult",
    element("Bucket", bucket) + element("Key", key) + element("UploadId", uploadId) +
      element("PartNumberMarker", marker) +
      element("NextPartNumberMarker", truncated ? page[page.length - 1].partNumber : undefined) +
      element("MaxParts", maxParts) + element("IsTruncated", truncated) +
      element("StorageClass", "STANDARD") + element("ChecksumAlgorithm", upload.checksumAlgorithm) + parts,
  );
}

/**
 * ListMultipartUploads: the uploads in progress, filtered by `prefix`, up to `max-uploads`.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `ListMultipartUploadsResult`.
 * @throws {S3Fault} NoSuchBucket.
 */
export function listMultipartUploads(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): LocalResponse {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const prefix = request.query.get("prefix") ?? "";
  const maxUploads = readLimit(request.query, "max-uploads");
  const matching = context.uploads.uploadsOf(bucket).filter((upload) => upload.key.startsWith(prefix));
  const page = matching.slice(0, maxUploads);
  const uploads = page.map((upload) =>
    `<Upload>${element("Key", upload.key)}${element("UploadId", upload.uploadId)}${
      element("Initiated", isoTime(upload.initiated))
    }${element("StorageClass", "STANDARD")}</Upload>`
  ).join("");
  return xmlResponse(
    request.requestId,
    "ListMultipartUploadsResult",
    element("Bucket", bucket) + element("KeyMarker", "") + element("UploadIdMarker", "") +
      element("Prefix", prefix) + element("MaxUploads", maxUploads) +
      element("IsTruncated", matching.length > page.length) + uploads,
  );
}
