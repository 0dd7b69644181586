/**
 * Multipart uploads: CreateMultipartUpload (`POST ?uploads`), UploadPart
 * (`PUT ?partNumber&uploadId`) and AbortMultipartUpload (`DELETE ?uploadId`).
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { readBodyPromises } from "./body_promises.ts";
import { checksumHeader } from "./checksums.ts";
import { readMetadata, readObjectHeaders } from "./object_headers.ts";
import { receiveBody } from "./receive_body.ts";
import { MAX_OBJECT_PUT, type S3Context } from "./s3_context.ts";
import type { UploadRecord } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import { element, emptyResponse, quoted, xmlResponse } from "./s3_xml.ts";
import { checkPartAlgorithm, readUploadChecksumMode, uploadChecksumMode } from "./upload_checksum_mode.ts";

/** Part numbers S3 accepts. */
const MAX_PART_NUMBER = 10000;

/**
 * The upload a request names, or NoSuchUpload (NoSuchBucket first when the bucket is gone).
 *
 * @param context The S3 state.
 * @param bucket The bucket.
 * @param key The key.
 * @param uploadId The `uploadId` query value.
 * @returns The upload.
 * @throws {S3Fault} NoSuchBucket or NoSuchUpload.
 */
export function findUpload(context: S3Context, bucket: string, key: string, uploadId: string): UploadRecord {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const upload = context.uploads.upload(bucket, key, uploadId);
  if (!upload) throw faults.noSuchUpload(uploadId);
  return upload;
}

/**
 * Who starts an upload: S3 names an account's root by its (canonical) id and any other principal
 * by its ARN (S: docs.aws.amazon.com/AmazonS3/latest/API/API_Initiator.html). Local S3 uses the
 * account id where S3 uses the canonical id, as its ListBuckets `Owner` does.
 */
function uploadPrincipals(context: S3Context, request: ServiceRequest): { initiator: string; owner: string } {
  const owner = request.caller?.accountId ?? context.account.accountId;
  const arn = request.caller?.arn;
  return { initiator: arn === undefined || arn.endsWith(":root") ? owner : arn, owner };
}

/**
 * CreateMultipartUpload: remembers the target, headers, metadata and checksum algorithm and
 * type, and answers the algorithm and type as S3 does, in `x-amz-checksum-algorithm` and
 * `x-amz-checksum-type` (S: LS-snap test_multipart_checksum_type_default_for_checksum).
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200 with `InitiateMultipartUploadResult`.
 * @throws {S3Fault} NoSuchBucket or InvalidRequest.
 */
export async function createMultipartUpload(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const mode = readUploadChecksumMode(request.headers);
  const upload = await context.uploads.create({
    bucket,
    key,
    headers: readObjectHeaders(request.headers, request.headers["content-encoding"]),
    metadata: readMetadata(request.headers, request.presigned ? request.query : undefined),
    checksumAlgorithm: mode?.algorithm,
    checksumType: mode?.type,
    ...uploadPrincipals(context, request),
  });
  return xmlResponse(
    request.requestId,
    "InitiateMultipartUploadResult",
    element("Bucket", bucket) + element("Key", key) + element("UploadId", upload.uploadId),
    mode ? { "x-amz-checksum-algorithm": mode.algorithm, "x-amz-checksum-type": mode.type } : {},
  );
}

/**
 * UploadPart: streams one part to disk (verified like a PutObject body) and keeps its checksum,
 * computed with the upload's algorithm when the client sent none.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200 with the part's ETag (and checksum, when one was sent or announced).
 * @throws {S3Fault} NoSuchUpload, InvalidArgument, BadDigest, InvalidRequest (another algorithm), …
 */
export async function uploadPart(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const uploadId = request.query.get("uploadId") ?? "";
  const partText = request.query.get("partNumber") ?? "";
  const partNumber = Number(partText);
  const upload = findUpload(context, bucket, key, uploadId);
  if (!/^\d+$/.test(partText) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw faults.invalidArgument(
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
      "partNumber",
      partText,
    );
  }
  const promises = readBodyPromises(request.headers, MAX_OBJECT_PUT);
  checkPartAlgorithm(uploadChecksumMode(upload), promises.checksum?.algorithm);
  const tempPath = context.store.tempPath();
  const body = await receiveBody(request.body, promises, tempPath, {
    maxSize: MAX_OBJECT_PUT,
    computeAlgorithm: upload.checksumAlgorithm,
    digests: context.digests,
  });
  const part = {
    partNumber,
    size: body.size,
    etag: body.md5Hex,
    lastModified: Date.now(),
    checksum: body.checksum,
  };
  if (!await context.uploads.commitPart(uploadId, part, tempPath)) throw faults.noSuchUpload(uploadId);
  return emptyResponse(request.requestId, 200, {
    etag: quoted(part.etag),
    ...(body.checksum ? { [checksumHeader(body.checksum.algorithm)]: body.checksum.value } : {}),
  });
}

/**
 * AbortMultipartUpload: drops the upload and its parts.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 204.
 * @throws {S3Fault} NoSuchBucket or NoSuchUpload.
 */
export async function abortMultipartUpload(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const uploadId = request.query.get("uploadId") ?? "";
  findUpload(context, bucket, key, uploadId);
  if (!await context.uploads.remove(uploadId)) throw faults.noSuchUpload(uploadId);
  return emptyResponse(request.requestId, 204);
}
