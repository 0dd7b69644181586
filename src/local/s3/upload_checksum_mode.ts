/**
 * The checksum a multipart upload is created with: CreateMultipartUpload's
 * `x-amz-checksum-algorithm` and `x-amz-checksum-type`, checked and defaulted as S3 does, and
 * what that means for each UploadPart.
 *
 * What S3 answers here was read from LS-snap (localstack's tests/aws/services/s3/
 * test_s3.snapshot.json, `TestS3MultipartUploadChecksum`, recorded against S3 on 2026-02-21):
 * `test_multipart_checksum_type_compatibility`, `test_multipart_checksum_type_default_for_checksum`
 * and `test_multipart_parts_checksum_exceptions_{composite,full_object}`. They agree with the table
 * in DOC AmazonS3/latest/userguide/checking-object-integrity-upload.html: CRC64NVME is full-object
 * only, CRC32 and CRC32C are either, SHA1 and SHA256 are composite only.
 *
 * @module
 */
import { type ChecksumAlgorithm, checksumAlgorithmNamed, type ChecksumType } from "./checksums.ts";
import type { UploadRecord } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";

/** An upload's checksum algorithm and how the object's checksum is made from it. */
export interface UploadChecksumMode {
  /** The algorithm every part is checksummed with. */
  readonly algorithm: ChecksumAlgorithm;
  /** Whether the object gets a checksum of its bytes or of its parts' checksums. */
  readonly type: ChecksumType;
}

/**
 * The algorithms that cannot make a full-object checksum of a multipart object: S3 can combine
 * CRCs of parts into the CRC of the whole, but not digests (S: DOC, above). SHA512 and MD5 are
 * digests too, so they are treated as SHA1 and SHA256 are (U: not in the recorded answers).
 */
const COMPOSITE_ONLY: ReadonlySet<ChecksumAlgorithm> = new Set(["SHA1", "SHA256", "SHA512", "MD5"]);

/**
 * The type an algorithm gets when the upload names none: FULL_OBJECT for CRC64NVME, which has no
 * composite form, COMPOSITE for the others, CRC32 and CRC32C included (S: LS-snap
 * test_multipart_checksum_type_default_for_checksum).
 *
 * @param algorithm The algorithm.
 * @returns The default checksum type.
 */
export function defaultChecksumType(algorithm: ChecksumAlgorithm): ChecksumType {
  return algorithm === "CRC64NVME" ? "FULL_OBJECT" : "COMPOSITE";
}

/**
 * Reads CreateMultipartUpload's checksum headers, refusing what S3 refuses.
 *
 * @param headers The request headers (lower-case names).
 * @returns The mode, or undefined when the upload names no algorithm.
 * @throws {S3Fault} InvalidRequest for an unknown algorithm or type, a type without an
 *   algorithm, or a type the algorithm cannot make.
 */
export function readUploadChecksumMode(
  headers: Readonly<Record<string, string>>,
): UploadChecksumMode | undefined {
  const algorithmName = headers["x-amz-checksum-algorithm"];
  const typeName = headers["x-amz-checksum-type"];
  const algorithm = algorithmName === undefined ? undefined : checksumAlgorithmNamed(algorithmName);
  if (algorithmName !== undefined && !algorithm) {
    throw faults.invalidRequest(
      "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512, MD5]",
    );
  }
  if (typeName !== undefined && !algorithm) {
    throw faults.invalidRequest(
      "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.",
    );
  }
  if (!algorithm) return undefined;
  const type = typeName === undefined ? defaultChecksumType(algorithm) : typeName.trim().toUpperCase();
  // U: S3's answer to a type that is neither value was not recorded; this is its answer to other
  // malformed checksum headers.
  if (type !== "COMPOSITE" && type !== "FULL_OBJECT") {
    throw faults.invalidRequest("Value for x-amz-checksum-type header is invalid.");
  }
  if (type === "COMPOSITE" ? algorithm === "CRC64NVME" : COMPOSITE_ONLY.has(algorithm)) {
    throw faults.invalidRequest(
      `The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
    );
  }
  return { algorithm, type };
}

/**
 * The checksum mode of an upload in progress (uploads recorded before the type was kept take
 * their algorithm's default).
 *
 * @param upload The upload.
 * @returns The mode, or undefined for an upload created without an algorithm.
 */
export function uploadChecksumMode(upload: UploadRecord): UploadChecksumMode | undefined {
  const algorithm = upload.checksumAlgorithm;
  if (!algorithm) return undefined;
  return { algorithm, type: upload.checksumType ?? defaultChecksumType(algorithm) };
}

/**
 * Refuses a part whose checksum header names another algorithm than its upload's. A part that
 * sends no checksum is checksummed here with the upload's algorithm (S: DOC
 * checking-object-integrity-upload.html; versity/versitygw#1419 and pgsty/silo#46 describe S3
 * doing the same). An upload without an algorithm takes any part checksum (S: LS-snap
 * test_complete_multipart_parts_checksum_default, a CRC32C part accepted).
 *
 * @param mode The upload's mode.
 * @param sent The algorithm of the checksum the part request carries, if any.
 * @throws {S3Fault} InvalidRequest "Checksum Type mismatch occurred, …".
 */
export function checkPartAlgorithm(
  mode: UploadChecksumMode | undefined,
  sent: ChecksumAlgorithm | undefined,
): void {
  if (!mode || !sent || sent === mode.algorithm) return;
  throw faults.invalidRequest(
    `Checksum Type mismatch occurred, expected checksum Type: ${mode.algorithm.toLowerCase()}, actual checksum Type: ${sent.toLowerCase()}`,
  );
}
