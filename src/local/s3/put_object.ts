/**
 * PutObject: `PUT /<bucket>/<key>` with a plain or aws-chunked body, verified against its
 * checksum headers, streamed to a temporary file and renamed into place.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { readBodyPromises } from "./body_promises.ts";
import { checksumHeader, type ObjectChecksum } from "./checksums.ts";
import { readMetadata, readObjectHeaders } from "./object_headers.ts";
import { writePrecondition } from "./preconditions.ts";
import { receiveBody } from "./receive_body.ts";
import { MAX_OBJECT_PUT, type S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { emptyResponse, quoted } from "./s3_xml.ts";

/**
 * Stores an object.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200 with the ETag (and the checksum echoed).
 * @throws {S3Fault} NoSuchBucket, PreconditionFailed, BadDigest, InvalidRequest, …
 */
export async function putObject(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const promises = readBodyPromises(request.headers, MAX_OBJECT_PUT);
  const metadata = readMetadata(request.headers, request.presigned ? request.query : undefined);
  const precondition = writePrecondition(request.headers, key);
  // Refuse before reading a large body when the condition already fails; checked again at commit.
  precondition?.(context.store.object(bucket, key));
  const tempPath = context.store.tempPath();
  const body = await receiveBody(request.body, promises, tempPath, {
    maxSize: MAX_OBJECT_PUT,
    digests: context.digests,
  });
  const stored = await context.store.commit(
    bucket,
    {
      key,
      size: body.size,
      etag: body.md5Hex,
      lastModified: wholeSeconds(Date.now()),
      headers: readObjectHeaders(request.headers, promises.storedContentEncoding),
      metadata,
      checksum: body.checksum,
    },
    tempPath,
    precondition,
  );
  return emptyResponse(request.requestId, 200, {
    etag: quoted(stored.etag),
    ...checksumEcho(body.checksum),
  });
}

/**
 * The response headers that echo a verified checksum, as S3 sends them.
 *
 * @param checksum The checksum, if any.
 * @returns `x-amz-checksum-<alg>` and `x-amz-checksum-type`, or nothing.
 */
export function checksumEcho(checksum: ObjectChecksum | undefined): Record<string, string> {
  if (!checksum) return {};
  return { [checksumHeader(checksum.algorithm)]: checksum.value, "x-amz-checksum-type": "FULL_OBJECT" };
}

/**
 * A time truncated to whole seconds, the precision of `Last-Modified`.
 *
 * @param epochMs Time in epoch milliseconds.
 * @returns The time at the start of its second.
 */
export function wholeSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000) * 1000;
}
