/**
 * CopyObject: `PUT /<bucket>/<key>` with `x-amz-copy-source: <bucket>/<url-encoded key>`.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { checkCopySourceAccess } from "./bucket_access.ts";
import { checksumAlgorithmNamed } from "./checksums.ts";
import { FileRangeStream } from "./file_range_stream.ts";
import { readMetadata, readObjectHeaders } from "./object_headers.ts";
import { checkReadPreconditions, writePrecondition } from "./preconditions.ts";
import { wholeSeconds } from "./put_object.ts";
import { receiveBody } from "./receive_body.ts";
import { MAX_OBJECT_PUT, type S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { element, isoTime, quoted, xmlResponse } from "./s3_xml.ts";

/** Where a copy reads from. */
export interface CopySource {
  /** Source bucket. */
  readonly bucket: string;
  /** Source key. */
  readonly key: string;
}

/**
 * Parses `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, optionally followed
 * by `?versionId=…` (there is only ever one version here).
 *
 * @param header The header value.
 * @returns The source bucket and key.
 * @throws {S3Fault} InvalidArgument when it names no object.
 */
export function parseCopySource(header: string): CopySource {
  const invalid = () => faults.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
  const withoutQuery = header.split("?")[0].replace(/^\//, "");
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery);
  } catch {
    throw invalid();
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) throw invalid();
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

/**
 * Copies an object, streaming its bytes through a temporary file. Metadata and headers come
 * from the source (`x-amz-metadata-directive: COPY`, the default) or from the request (`REPLACE`).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket Destination bucket.
 * @param key Destination key.
 * @returns 200 with `CopyObjectResult`.
 * @throws {S3Fault} NoSuchBucket, NoSuchKey, PreconditionFailed, InvalidRequest, …
 */
export async function copyObject(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const source = parseCopySource(request.headers["x-amz-copy-source"]);
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  checkCopySourceAccess(context, request, source.bucket);
  const directive = (request.headers["x-amz-metadata-directive"] ?? "COPY").toUpperCase();
  if (directive !== "COPY" && directive !== "REPLACE") {
    throw faults.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
  }
  const requestedAlgorithm = request.headers["x-amz-checksum-algorithm"];
  if (directive === "COPY" && source.bucket === bucket && source.key === key && !requestedAlgorithm) {
    throw faults.invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const opened = await context.store.openObject(source.bucket, source.key);
  if (!opened) throw faults.noSuchKey(source.key);
  const bytes = new FileRangeStream(opened.file, 0, opened.object.size - 1);
  const tempPath = context.store.tempPath();
  let received;
  try {
    checkReadPreconditions(request.headers, opened.object, "x-amz-copy-source-");
    const precondition = writePrecondition(request.headers, key);
    precondition?.(context.store.object(bucket, key));
    received = await receiveBody(bytes, { awsChunked: false, declaredSize: opened.object.size }, tempPath, {
      maxSize: MAX_OBJECT_PUT,
      computeAlgorithm: (requestedAlgorithm && checksumAlgorithmNamed(requestedAlgorithm)) ||
        opened.object.checksum?.algorithm,
      digests: context.digests,
    });
  } finally {
    await bytes.close();
  }
  const stored = await context.store.commit(
    bucket,
    {
      key,
      size: received.size,
      etag: received.md5Hex,
      lastModified: wholeSeconds(Date.now()),
      headers: directive === "COPY"
        ? opened.object.headers
        : readObjectHeaders(request.headers, request.headers["content-encoding"]),
      metadata: directive === "COPY" ? opened.object.metadata : readMetadata(request.headers),
      checksum: received.checksum,
    },
    tempPath,
    writePrecondition(request.headers, key),
  );
  const checksum = stored.checksum
    ? element(`Checksum${stored.checksum.algorithm}`, stored.checksum.value) +
      element("ChecksumType", "FULL_OBJECT")
    : "";
  return xmlResponse(
    request.requestId,
    "CopyObjectResult",
    element("LastModified", isoTime(stored.lastModified)) + element("ETag", quoted(stored.etag)) + checksum,
  );
}
