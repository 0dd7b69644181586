/**
 * ListParts (`GET /<bucket>/<key>?uploadId=…`), and what it shares with ListMultipartUploads:
 * the page-size parameters and the `Initiator`/`Owner` of an upload.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { bucketOwner } from "./bucket_access.ts";
import { findUpload } from "./multipart_upload.ts";
import type { S3Context } from "./s3_context.ts";
import type { UploadRecord } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import { element, isoTime, quoted, xmlResponse } from "./s3_xml.ts";
import { uploadChecksumMode } from "./upload_checksum_mode.ts";

/**
 * A page-size parameter (`max-parts`, `max-uploads`): default and ceiling 1000.
 *
 * @param query The request's query.
 * @param name The parameter.
 * @returns The page size.
 * @throws {S3Fault} InvalidArgument for a value that is not a non-negative integer.
 */
export function readLimit(query: URLSearchParams, name: string): number {
  const text = query.get(name);
  const value = text === null ? 1000 : Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw faults.invalidArgument(`Provided ${name} not an integer or within integer range`, name, text ?? "");
  }
  return Math.min(value, 1000);
}

/**
 * `<Initiator>` and `<Owner>` of an upload. Without `DisplayName`: S3 stopped returning it on
 * 2025-11-21 (S: docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html, end of support notice).
 *
 * @param context The S3 state.
 * @param upload The upload.
 * @returns The two elements.
 */
export function principalsXml(context: S3Context, upload: UploadRecord): string {
  const bucket = context.store.bucket(upload.bucket);
  const owner = upload.owner ?? (bucket ? bucketOwner(context, bucket) : context.account.accountId);
  return `<Initiator>${element("ID", upload.initiator ?? owner)}</Initiator><Owner>${
    element("ID", owner)
  }</Owner>`;
}

/**
 * `<ChecksumAlgorithm>` and `<ChecksumType>` of an upload; nothing for an upload created without
 * an algorithm (S: LS-snap test_multipart_parts_checksum_exceptions_composite "list-multiparts"
 * and test_complete_multipart_parts_checksum_default, recorded against S3 2026-02-21).
 *
 * @param upload The upload.
 * @returns The two elements, or "".
 */
export function checksumModeXml(upload: UploadRecord): string {
  const mode = uploadChecksumMode(upload);
  return mode ? element("ChecksumAlgorithm", mode.algorithm) + element("ChecksumType", mode.type) : "";
}

/**
 * ListParts: the parts uploaded so far, paged by `part-number-marker` and `max-parts`. A part's
 * checksum is listed only when it is of the upload's algorithm: S3 lists none for an upload
 * created without one, even for parts sent with a checksum (S: LS-snap
 * test_complete_multipart_parts_checksum_default "list-parts").
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200 with `ListPartsResult`.
 * @throws {S3Fault} NoSuchBucket, NoSuchUpload or InvalidArgument.
 */
export function listParts(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): LocalResponse {
  const uploadId = request.query.get("uploadId") ?? "";
  const upload = findUpload(context, bucket, key, uploadId);
  const markerText = request.query.get("part-number-marker") ?? "0";
  const marker = Number(markerText);
  if (!/^\d+$/.test(markerText) || !Number.isSafeInteger(marker)) {
    throw faults.invalidArgument(
      "Provided part-number-marker not an integer or within integer range",
      "part-number-marker",
      markerText,
    );
  }
  const maxParts = readLimit(request.query, "max-parts");
  const after = [...context.uploads.parts(uploadId).values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, maxParts);
  const algorithm = upload.checksumAlgorithm;
  const parts = page.map((part) =>
    `<Part>${element("PartNumber", part.partNumber)}${element("LastModified", isoTime(part.lastModified))}${
      element("ETag", quoted(part.etag))
    }${element("Size", part.size)}${
      algorithm && part.checksum?.algorithm === algorithm
        ? element(`Checksum${algorithm}`, part.checksum.value)
        : ""
    }</Part>`
  ).join("");
  return xmlResponse(
    request.requestId,
    "ListPartsResult",
    element("Bucket", bucket) + element("Key", key) + element("UploadId", uploadId) +
      principalsXml(context, upload) + element("StorageClass", "STANDARD") +
      element("PartNumberMarker", marker) +
      // Where the next page starts; the last part listed (U: S3 sends it on untruncated pages too,
      // as its documentation's example and S3-compatible stores do).
      element("NextPartNumberMarker", page.length > 0 ? page[page.length - 1].partNumber : marker) +
      element("MaxParts", maxParts) + element("IsTruncated", after.length > page.length) +
      checksumModeXml(upload) + parts,
  );
}
