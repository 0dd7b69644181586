/**
 * The checksum side of CompleteMultipartUpload: the part checksums listed in the request, the
 * `x-amz-checksum-type` and full-object checksum headers, and the checksum the object gets.
 *
 * S3's answers were read from LS-snap (localstack's tests/aws/services/s3/test_s3.snapshot.json,
 * `TestS3MultipartUploadChecksum`, recorded against S3 on 2026-02-21). What each test showed:
 * - `test_complete_multipart_parts_checksum_composite`: a wrong part checksum is `InvalidPart`;
 *   a missing one is `InvalidRequest`; the object gets `<checksum of the part checksums>-<parts>`.
 * - `test_multipart_parts_checksum_exceptions_composite`: a part checksum of another algorithm
 *   is `BadDigest`, and a Complete naming the other type is `InvalidRequest`.
 * - `test_complete_multipart_parts_checksum_full_object` and
 *   `test_multipart_parts_checksum_exceptions_full_object`: part checksums may be left out; a
 *   full-object checksum header counts only with `x-amz-checksum-type: FULL_OBJECT` and the
 *   upload's algorithm, and anything else, or a wrong value, is `BadDigest`.
 * - `test_complete_multipart_parts_checksum_default`: an upload created without an algorithm
 *   refuses listed part checksums (`InvalidPart`), ignores checksum headers, and its object gets a
 *   full-object CRC64NVME.
 *
 * @module
 */
import {
  type ChecksumAlgorithm,
  compositeChecksum,
  type ObjectChecksum,
  sentChecksums,
} from "./checksums.ts";
import type { PartRecord, StoredObject } from "./s3_records.ts";
import { faults, S3Fault } from "./s3_fault.ts";
import type { UploadChecksumMode } from "./upload_checksum_mode.ts";

/** The algorithm S3 gives an object uploaded without one (S: DOC API_Checksum.html, ChecksumCRC64NVME). */
const DEFAULT_ALGORITHM: ChecksumAlgorithm = "CRC64NVME";

/**
 * Refuses a Complete whose `x-amz-checksum-type` is not the upload's type (an upload without an
 * algorithm has the "null" type, and refuses both).
 *
 * @param headers The request headers (lower-case names).
 * @param mode The upload's checksum mode.
 * @throws {S3Fault} InvalidRequest.
 */
export function checkCompletionType(
  headers: Readonly<Record<string, string>>,
  mode: UploadChecksumMode | undefined,
): void {
  const sent = headers["x-amz-checksum-type"];
  if (sent === undefined || sent.trim().toUpperCase() === mode?.type) return;
  throw faults.invalidRequest(
    `The upload was created using the ${
      mode?.type ?? "null"
    } checksum mode. The complete request must use the same checksum mode.`,
  );
}

/**
 * Checks the checksums a Complete lists for one part against the part as uploaded.
 *
 * @param uploadId The upload id.
 * @param mode The upload's checksum mode.
 * @param listed The part as listed: number, ETag and checksums by algorithm.
 * @param part The part as uploaded.
 * @throws {S3Fault} InvalidPart, BadDigest or InvalidRequest.
 */
export function checkListedPartChecksums(
  uploadId: string,
  mode: UploadChecksumMode | undefined,
  listed: {
    readonly partNumber: number;
    readonly etag: string;
    readonly checksums: ReadonlyMap<ChecksumAlgorithm, string>;
  },
  part: PartRecord,
): void {
  const { partNumber, etag, checksums } = listed;
  // Without an algorithm the parts have no checksum to compare with, so any listed one names a
  // part S3 does not have.
  if (!mode) {
    if (checksums.size > 0) throw faults.invalidPart(uploadId, partNumber, etag);
    return;
  }
  const value = checksums.get(mode.algorithm);
  if (value === undefined) {
    if (mode.type === "FULL_OBJECT") return;
    const other = checksums.keys().next().value;
    if (other) {
      throw new S3Fault(
        400,
        "BadDigest",
        `The ${other.toLowerCase()} you specified for part ${partNumber} did not match what we received.`,
      );
    }
    throw faults.invalidRequest(
      `The upload was created using a ${mode.algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${partNumber} in the request.`,
    );
  }
  if (part.checksum?.algorithm !== mode.algorithm || part.checksum.value !== value) {
    throw faults.invalidPart(uploadId, partNumber, etag);
  }
}

/**
 * The algorithm to compute over the joined object: the upload's for a full-object checksum,
 * CRC64NVME for an upload without an algorithm, none for a composite checksum.
 *
 * @param mode The upload's checksum mode.
 * @returns The algorithm to stream the object through, or undefined.
 */
export function fullObjectAlgorithm(mode: UploadChecksumMode | undefined): ChecksumAlgorithm | undefined {
  if (!mode) return DEFAULT_ALGORITHM;
  return mode.type === "FULL_OBJECT" ? mode.algorithm : undefined;
}

/** The checksum fields a completed object is stored with. */
export type CompletedChecksum = Pick<StoredObject, "checksum" | "checksumType" | "partChecksums">;

/**
 * The object's checksum, after checking the full-object checksum header a Complete may carry.
 *
 * @param mode The upload's checksum mode.
 * @param headers The Complete request's headers (lower-case names).
 * @param parts The parts, in order.
 * @param computed The checksum computed over the joined object (see `fullObjectAlgorithm`).
 * @returns The checksum fields to store.
 * @throws {S3Fault} BadDigest for a full-object checksum header S3 would not take.
 */
export function completedChecksum(
  mode: UploadChecksumMode | undefined,
  headers: Readonly<Record<string, string>>,
  parts: readonly PartRecord[],
  computed: ObjectChecksum | undefined,
): CompletedChecksum {
  if (!mode) return { checksum: computed };
  checkChecksumHeaders(mode, headers);
  if (mode.type === "COMPOSITE") {
    // U: whether S3 checks a composite value sent here was not recorded; it is not checked.
    const partChecksums = parts.map((part) => part.checksum!.value);
    return {
      checksum: { algorithm: mode.algorithm, value: compositeChecksum(mode.algorithm, partChecksums) },
      checksumType: "COMPOSITE",
      partChecksums,
    };
  }
  const value = sentChecksums(headers).get(mode.algorithm)?.trim();
  if (value !== undefined && value !== computed?.value) throw faults.badDigest(mode.algorithm.toLowerCase());
  return { checksum: computed };
}

/**
 * Refuses, before any byte is joined, the checksum headers of a Complete that no object could
 * match (`completedChecksum` checks them again with the joined object's checksum).
 *
 * @param mode The upload's checksum mode.
 * @param headers The Complete request's headers (lower-case names).
 * @throws {S3Fault} BadDigest for a checksum of another algorithm, or a full-object value
 *   without `x-amz-checksum-type`.
 */
export function checkChecksumHeaders(
  mode: UploadChecksumMode | undefined,
  headers: Readonly<Record<string, string>>,
): void {
  if (!mode) return;
  const sent = sentChecksums(headers);
  const badDigest = () => faults.badDigest(mode.algorithm.toLowerCase());
  // A checksum of another algorithm cannot be checked, and S3 refuses it (U for composite uploads).
  if ([...sent.keys()].some((algorithm) => algorithm !== mode.algorithm)) throw badDigest();
  // S3 takes a full-object value only when the request also says FULL_OBJECT; without the type
  // even the right value is BadDigest (S: LS-snap, "complete-part-only-checksum-algo").
  if (mode.type !== "COMPOSITE" && sent.has(mode.algorithm) && headers["x-amz-checksum-type"] === undefined) {
    throw badDigest();
  }
}

/**
 * The request headers without the checksum ones, so that the XML body is not checked against
 * them: on CompleteMultipartUpload they describe the object, not the body (the SDK's model gives
 * this operation no request checksum; S: client-s3 3.1175.0 `commandBuilder.js`, no
 * flexible-checksums plugin for CompleteMultipartUpload).
 *
 * @param headers The request headers.
 * @returns The headers minus `x-amz-checksum-*` and `x-amz-sdk-checksum-algorithm`.
 */
export function withoutObjectChecksumHeaders(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) =>
      !name.startsWith("x-amz-checksum-") && name !== "x-amz-sdk-checksum-algorithm"
    ),
  );
}
