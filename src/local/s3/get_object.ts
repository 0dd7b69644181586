/**
 * GetObject and HeadObject: conditional, ranged, streamed from disk.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { resolvePart, resolveRange } from "./byte_range.ts";
import { FileRangeStream } from "./file_range_stream.ts";
import { checksumResponseHeaders, objectResponseHeaders } from "./object_headers.ts";
import { checkReadPreconditions } from "./preconditions.ts";
import type { S3Context } from "./s3_context.ts";
import type { StoredObject } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import { emptyResponse, httpDate, quoted, requestIdHeaders } from "./s3_xml.ts";

/**
 * GetObject: `GET /<bucket>/<key>`, streaming the bytes (or one range of them).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200, 206 or 304.
 * @throws {S3Fault} NoSuchBucket, NoSuchKey, PreconditionFailed or InvalidRange.
 */
export async function getObject(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const opened = await context.store.openObject(bucket, key);
  if (!opened) throw faults.noSuchKey(key);
  let answer: ReturnType<typeof describe>;
  try {
    answer = describe(request, opened.object);
  } catch (error) {
    await opened.file.close();
    throw error;
  }
  const { start, end, ...response } = answer;
  if (response.status === 304) {
    await opened.file.close();
    return response;
  }
  return { ...response, body: new FileRangeStream(opened.file, start, end) };
}

/**
 * HeadObject: `HEAD /<bucket>/<key>`. A missing bucket or key is a bare 404 (no body), which
 * the SDK reports as `NotFound`.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns The headers GetObject would send.
 */
export function headObject(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): LocalResponse {
  const object = context.store.bucket(bucket) ? context.store.object(bucket, key) : undefined;
  if (!object) return emptyResponse(request.requestId, 404);
  const { start: _start, end: _end, ...answer } = describe(request, object);
  return answer;
}

/** Status and headers for a read of `object`, with the byte range to send. */
function describe(
  request: ServiceRequest,
  object: StoredObject,
): { status: number; headers: Record<string, string>; start: number; end: number } {
  if (checkReadPreconditions(request.headers, object) === "not-modified") {
    return {
      status: 304,
      headers: {
        ...requestIdHeaders(request.requestId),
        etag: quoted(object.etag),
        "last-modified": httpDate(object.lastModified),
      },
      start: 0,
      end: -1,
    };
  }
  const partNumber = request.query.get("partNumber");
  const range = partNumber === null
    ? resolveRange(request.headers["range"], object.size)
    : resolvePart(partNumber, object.size, object.partSizes);
  const checksumWanted = request.headers["x-amz-checksum-mode"]?.toUpperCase() === "ENABLED";
  const sent = range && range.end >= range.start ? range : undefined;
  const headers: Record<string, string> = {
    ...requestIdHeaders(request.requestId),
    ...objectResponseHeaders(object, request.query),
    ...(checksumWanted
      ? checksumResponseHeaders(object, sent, partNumber === null ? undefined : Number(partNumber))
      : {}),
  };
  if (partNumber !== null) headers["x-amz-mp-parts-count"] = String(object.partSizes?.length ?? 1);
  if (!range || range.end < range.start) {
    return {
      status: 200,
      headers: { ...headers, "content-length": String(object.size) },
      start: 0,
      end: object.size - 1,
    };
  }
  return {
    status: 206,
    headers: {
      ...headers,
      "content-length": String(range.end - range.start + 1),
      "content-range": `bytes ${range.start}-${range.end}/${object.size}`,
    },
    start: range.start,
    end: range.end,
  };
}
