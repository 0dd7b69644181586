/**
 * What a PutObject/UploadPart request's headers promise about its body: how it is framed
 * (plain or aws-chunked), how long it is, and which checksum it must match. Everything here
 * is checked before a byte of the body is read, so malformed values fail fast.
 *
 * Only headers count: a presigned PUT carries `x-amz-checksum-crc32` in its query (the
 * presigner signs the checksum of an empty body), and real S3 ignores that value.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import {
  type ChecksumAlgorithm,
  checksumAlgorithmNamed,
  checksumHeader,
  isWellFormedChecksum,
  sentChecksums,
} from "./checksums.ts";
import { faults } from "./s3_fault.ts";

/** The body's framing, length and integrity checks, as the headers declare them. */
export interface BodyPromises {
  /** Whether the body is `aws-chunked` (decode it before storing). */
  readonly awsChunked: boolean;
  /** The payload length the client declared, when it declared one. */
  readonly declaredSize?: number;
  /** The checksum to verify; `value` is absent when it travels in the trailer. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value?: string };
  /** The `Content-MD5` digest, when sent. */
  readonly contentMd5?: Uint8Array;
  /** `Content-Encoding` to store: the header without `aws-chunked`. */
  readonly storedContentEncoding?: string;
  /** The hex SHA-256 of a plain body, when `x-amz-content-sha256` carries one (not a literal). */
  readonly payloadSha256?: string;
}

/**
 * Reads the body promises of a request, refusing malformed ones as S3 does.
 *
 * @param headers The request headers (lower-case names).
 * @param maxSize The largest payload the operation accepts.
 * @returns What to check while and after the body streams in.
 * @throws {S3Fault} InvalidRequest, InvalidDigest or EntityTooLarge.
 */
export function readBodyPromises(headers: Readonly<Record<string, string>>, maxSize: number): BodyPromises {
  const encodings = (headers["content-encoding"] ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const contentSha256 = headers["x-amz-content-sha256"] ?? "";
  const awsChunked = encodings.some((e) => e.toLowerCase() === "aws-chunked") ||
    contentSha256.startsWith("STREAMING-");
  const storedEncodings = encodings.filter((e) => e.toLowerCase() !== "aws-chunked");
  const sizeHeader = awsChunked ? headers["x-amz-decoded-content-length"] : headers["content-length"];
  const declaredSize = sizeHeader === undefined ? undefined : Number(sizeHeader);
  if (declaredSize !== undefined && !(Number.isSafeInteger(declaredSize) && declaredSize >= 0)) {
    throw faults.invalidArgument(
      "Invalid content length.",
      awsChunked ? "x-amz-decoded-content-length" : "Content-Length",
      sizeHeader!,
    );
  }
  if (declaredSize !== undefined && declaredSize > maxSize) {
    throw faults.entityTooLarge(declaredSize, maxSize);
  }
  return {
    awsChunked,
    declaredSize,
    checksum: readChecksumPromise(headers, awsChunked),
    contentMd5: readContentMd5(headers["content-md5"]),
    storedContentEncoding: storedEncodings.length > 0 ? storedEncodings.join(", ") : undefined,
    payloadSha256: /^[0-9a-f]{64}$/i.test(contentSha256) ? contentSha256.toLowerCase() : undefined,
  };
}

function readChecksumPromise(
  headers: Readonly<Record<string, string>>,
  awsChunked: boolean,
): BodyPromises["checksum"] {
  const promised: Array<{ algorithm: ChecksumAlgorithm; value?: string }> = [];
  for (const [algorithm, value] of sentChecksums(headers)) {
    if (!isWellFormedChecksum(algorithm, value)) {
      throw faults.invalidRequest(`Value for ${checksumHeader(algorithm)} header is invalid.`);
    }
    promised.push({ algorithm, value });
  }
  if (awsChunked) {
    for (const name of (headers["x-amz-trailer"] ?? "").split(",").map((n) => n.trim().toLowerCase())) {
      const algorithm = name.startsWith("x-amz-checksum-") ? checksumAlgorithmNamed(name) : undefined;
      if (algorithm) promised.push({ algorithm });
    }
  }
  if (promised.length > 1) {
    throw faults.invalidRequest(
      "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
    );
  }
  const sdkAlgorithm = headers["x-amz-sdk-checksum-algorithm"];
  if (sdkAlgorithm !== undefined) {
    if (promised.length === 0) {
      throw faults.invalidRequest(
        "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.",
      );
    }
    if (checksumAlgorithmNamed(sdkAlgorithm) !== promised[0].algorithm) {
      throw faults.invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }
  }
  return promised[0];
}

function readContentMd5(value: string | undefined): Uint8Array | undefined {
  if (value === undefined) return undefined;
  const digest = Buffer.from(value, "base64");
  if (digest.length !== 16 || !/^[A-Za-z0-9+/]{22}==$/.test(value.trim())) throw faults.invalidDigest();
  return digest;
}
