/**
 * ListMultipartUploads (`GET /<bucket>/?uploads`): the uploads in progress, ordered and paged as
 * S3 documents it (S: docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html):
 * by key in UTF-8 binary order, then by initiation time; `prefix` and `delimiter` (rolled-up keys
 * count once toward `max-uploads`); resumed after `key-marker`, and within that key after
 * `upload-id-marker`; `NextKeyMarker`/`NextUploadIdMarker` name where the next page starts.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { checksumModeXml, principalsXml, readLimit } from "./multipart_listing.ts";
import type { S3Context } from "./s3_context.ts";
import type { UploadRecord } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import { element, isoTime, xmlResponse } from "./s3_xml.ts";
import { compareUtf8 } from "./utf8_order.ts";

type Entry = { readonly upload: UploadRecord } | { readonly prefix: string };

function byKeyThenAge(a: UploadRecord, b: UploadRecord): number {
  return compareUtf8(a.key, b.key) || a.initiated - b.initiated || compareUtf8(a.uploadId, b.uploadId);
}

/**
 * Whether an upload comes after the markers. Within the marker's key, "after" is after the
 * marker's upload in listing order; an id not among them is compared as text, which is what the
 * documentation states ("upload IDs lexicographically greater").
 */
function afterMarkers(sorted: readonly UploadRecord[], keyMarker: string, idMarker: string | undefined) {
  const markerIndex = idMarker === undefined
    ? -1
    : sorted.findIndex((upload) => upload.key === keyMarker && upload.uploadId === idMarker);
  return (upload: UploadRecord, index: number): boolean => {
    const order = compareUtf8(upload.key, keyMarker);
    if (order !== 0 || idMarker === undefined) return order > 0;
    return markerIndex >= 0 ? index > markerIndex : compareUtf8(upload.uploadId, idMarker) > 0;
  };
}

function entryXml(context: S3Context, entry: Entry): string {
  if ("prefix" in entry) return `<CommonPrefixes>${element("Prefix", entry.prefix)}</CommonPrefixes>`;
  const { upload } = entry;
  return `<Upload>${element("Key", upload.key)}${element("UploadId", upload.uploadId)}${
    principalsXml(context, upload)
  }${element("StorageClass", "STANDARD")}${element("Initiated", isoTime(upload.initiated))}${
    checksumModeXml(upload)
  }</Upload>`;
}

/**
 * ListMultipartUploads.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @returns 200 with `ListMultipartUploadsResult`.
 * @throws {S3Fault} NoSuchBucket or InvalidArgument.
 */
export function listMultipartUploads(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): LocalResponse {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const query = request.query;
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") || undefined;
  const keyMarker = query.get("key-marker") ?? "";
  // Without a key marker the upload id marker is ignored (S: the same page).
  const idMarker = keyMarker === "" ? undefined : query.get("upload-id-marker") || undefined;
  const maxUploads = readLimit(query, "max-uploads");
  const sorted = context.uploads.uploadsOf(bucket).sort(byKeyThenAge);
  const isAfter = afterMarkers(sorted, keyMarker, idMarker);
  const entries: Entry[] = [];
  let truncated = false;
  for (const [index, upload] of sorted.entries()) {
    if (!upload.key.startsWith(prefix) || !isAfter(upload, index)) continue;
    const cut = delimiter ? upload.key.indexOf(delimiter, prefix.length) : -1;
    const rolled = cut >= 0 ? upload.key.slice(0, cut + delimiter!.length) : undefined;
    const previous = entries[entries.length - 1];
    if (rolled !== undefined && previous && "prefix" in previous && previous.prefix === rolled) continue;
    // A prefix the key marker already passed was on an earlier page.
    if (rolled !== undefined && compareUtf8(rolled, keyMarker) <= 0 && keyMarker.startsWith(rolled)) continue;
    if (entries.length >= maxUploads) {
      truncated = maxUploads > 0;
      break;
    }
    entries.push(rolled === undefined ? { upload } : { prefix: rolled });
  }
  const last = entries[entries.length - 1];
  const next = truncated && last
    ? ("prefix" in last
      ? { key: last.prefix, id: undefined }
      : { key: last.upload.key, id: last.upload.uploadId })
    : undefined;
  return xmlResponse(
    request.requestId,
    "ListMultipartUploadsResult",
    element("Bucket", bucket) + element("KeyMarker", keyMarker) + element("UploadIdMarker", idMarker ?? "") +
      element("NextKeyMarker", next?.key) + element("NextUploadIdMarker", next?.id) +
      element("Delimiter", delimiter) + element("Prefix", prefix) + element("MaxUploads", maxUploads) +
      element("IsTruncated", truncated) + entries.map((entry) => entryXml(context, entry)).join(""),
  );
}
