/**
 * CompleteMultipartUpload: `POST /<bucket>/<key>?uploadId=…` with the list of parts. Checks the
 * list as S3 does, joins the parts into one object and gives it the multipart ETag
 * (md5 of the parts' binary md5s, `-<count>`) and its checksum (see `complete_checksums.ts`).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { open, rm } from "node:fs/promises";
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { childText } from "../xml/xml_reader.ts";
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from "./checksums.ts";
import {
  checkChecksumHeaders,
  checkCompletionType,
  checkListedPartChecksums,
  type CompletedChecksum,
  completedChecksum,
  fullObjectAlgorithm,
  withoutObjectChecksumHeaders,
} from "./complete_checksums.ts";
import type { CompletedUpload } from "./completed_uploads.ts";
import { FileRangeStream } from "./file_range_stream.ts";
import { findUpload } from "./multipart_upload.ts";
import { shownChecksumValue } from "./object_headers.ts";
import { writePrecondition } from "./preconditions.ts";
import { wholeSeconds } from "./put_object.ts";
import { receiveBody } from "./receive_body.ts";
import type { S3Context } from "./s3_context.ts";
import type { PartRecord } from "./s3_records.ts";
import { faults, MIN_PART_SIZE } from "./s3_fault.ts";
import { element, quoted, xmlResponse } from "./s3_xml.ts";
import { type UploadChecksumMode, uploadChecksumMode } from "./upload_checksum_mode.ts";
import { readXmlRequest } from "./xml_request.ts";

/** S3's largest object (5 TiB). */
const MAX_OBJECT_SIZE = 5 * 1024 ** 4;

interface ListedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly checksums: ReadonlyMap<ChecksumAlgorithm, string>;
}

async function readPartList(request: ServiceRequest): Promise<ListedPart[]> {
  const root = await readXmlRequest({ ...request, headers: withoutObjectChecksumHeaders(request.headers) });
  // No body at all is its own refusal; a document without parts fails the schema (S: OpenStack
  // Swift's s3api tests, written against S3's answers; boto3 users' reports of MalformedXML for
  // `Parts: []`).
  if (!root) throw faults.invalidRequest("You must specify at least one part");
  if (root.name !== "CompleteMultipartUpload") throw faults.malformedXml();
  const parts = root.children.filter((child) => child.name === "Part").map((part) => {
    const numberText = childText(part, "PartNumber")?.trim() ?? "";
    const etag = childText(part, "ETag")?.trim();
    if (!/^\d+$/.test(numberText) || etag === undefined) throw faults.malformedXml();
    const checksums = new Map<ChecksumAlgorithm, string>();
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = childText(part, `Checksum${algorithm}`);
      if (value !== undefined) checksums.set(algorithm, value.trim());
    }
    return { partNumber: Number(numberText), etag: etag.replace(/^"(.*)"$/, "$1"), checksums };
  });
  if (parts.length === 0) throw faults.malformedXml();
  return parts;
}

/** Matches the listed parts to the uploaded ones, refusing as S3 refuses. */
function resolveParts(
  uploadId: string,
  listed: ListedPart[],
  uploaded: ReadonlyMap<number, PartRecord>,
  mode: UploadChecksumMode | undefined,
) {
  for (let i = 1; i < listed.length; i++) {
    if (listed[i].partNumber <= listed[i - 1].partNumber) throw faults.invalidPartOrder(uploadId);
  }
  const parts = listed.map((entry) => {
    const part = uploaded.get(entry.partNumber);
    if (!part || part.etag !== entry.etag) throw faults.invalidPart(uploadId, entry.partNumber, entry.etag);
    checkListedPartChecksums(uploadId, mode, entry, part);
    return part;
  });
  parts.forEach((part, index) => {
    if (index < parts.length - 1 && part.size < MIN_PART_SIZE) {
      throw faults.entityTooSmall(part.size, part.partNumber, part.etag);
    }
  });
  return parts;
}

/**
 * Completes an upload. A repeat for an upload completed lately (or still completing) answers
 * the first completion's result without looking at its part list, as S3 does.
 *
 * @param context The S3 state.
 * @param request The request.
 * @param bucket The bucket.
 * @param key The key.
 * @returns 200 with `CompleteMultipartUploadResult`.
 * @throws {S3Fault} NoSuchUpload, MalformedXML, InvalidPartOrder, InvalidPart, InvalidRequest, BadDigest,
 *   EntityTooSmall, PreconditionFailed.
 */
export async function completeMultipartUpload(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const uploadId = request.query.get("uploadId") ?? "";
  if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
  const done = context.uploads.completed.find(bucket, key, uploadId) ??
    await context.uploads.completed.run(uploadId, () => complete(context, request, bucket, key, uploadId));
  // A completion joined while it ran was for this upload id, but maybe not for this key.
  if (done.bucket !== bucket || done.key !== key) throw faults.noSuchUpload(uploadId);
  return xmlResponse(
    request.requestId,
    "CompleteMultipartUploadResult",
    element("Location", done.location) + element("Bucket", bucket) + element("Key", key) +
      element("ETag", quoted(done.etag)) +
      (done.checksum
        ? element(`Checksum${done.checksum.algorithm}`, done.checksum.value) +
          element("ChecksumType", done.checksum.type)
        : ""),
  );
}

/** The first completion of an upload: checks the list, joins the parts, stores the object. */
async function complete(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<CompletedUpload> {
  const upload = findUpload(context, bucket, key, uploadId);
  const mode = uploadChecksumMode(upload);
  const listed = await readPartList(request);
  checkCompletionType(request.headers, mode);
  checkChecksumHeaders(mode, request.headers);
  const parts = resolveParts(uploadId, listed, context.uploads.parts(uploadId), mode);
  const precondition = writePrecondition(request.headers, key);
  precondition?.(context.store.object(bucket, key));
  const size = parts.reduce((sum, part) => sum + part.size, 0);
  const tempPath = context.store.tempPath();
  // The object's bytes pass through here anyway, so a full-object checksum is computed over them
  // rather than combined from the parts' CRCs.
  const joined = await receiveBody(
    joinParts(context, uploadId, parts),
    { awsChunked: false, declaredSize: size },
    tempPath,
    // The ETag is made from the parts' md5s: the joined bytes need none of their own.
    {
      maxSize: MAX_OBJECT_SIZE,
      computeAlgorithm: fullObjectAlgorithm(mode),
      skipMd5: true,
      digests: context.digests,
    },
  );
  let checksum: CompletedChecksum;
  try {
    checksum = completedChecksum(mode, request.headers, parts, joined.checksum);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  const digests = createHash("md5");
  for (const part of parts) digests.update(Buffer.from(part.etag, "hex"));
  const stored = await context.store.commit(
    bucket,
    {
      key,
      size,
      etag: `${digests.digest("hex")}-${parts.length}`,
      lastModified: wholeSeconds(Date.now()),
      headers: upload.headers,
      metadata: upload.metadata,
      partSizes: parts.map((part) => part.size),
      ...checksum,
    },
    tempPath,
    precondition,
  );
  await context.uploads.remove(uploadId);
  const location = `${context.account.endpoint()}/${bucket}/${
    key.split("/").map(encodeURIComponent).join("/")
  }`;
  const value = shownChecksumValue(stored);
  return {
    bucket,
    key,
    etag: stored.etag,
    location,
    checksum: stored.checksum && value !== undefined
      ? { algorithm: stored.checksum.algorithm, value, type: stored.checksumType ?? "FULL_OBJECT" }
      : undefined,
  };
}

async function* joinParts(
  context: S3Context,
  uploadId: string,
  parts: readonly PartRecord[],
): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    const file = await open(context.uploads.partPath(uploadId, part.partNumber), "r");
    const stream = new FileRangeStream(file, 0, part.size - 1);
    try {
      yield* stream;
    } finally {
      await stream.close();
    }
  }
}
