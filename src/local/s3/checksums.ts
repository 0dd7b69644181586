/**
 * S3's flexible checksums (`x-amz-checksum-{crc32,crc32c,crc64nvme,sha1,sha256}`): computing
 * them over a streamed body and checking the values clients send.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { crc32, crc32c } from "../../archive/crc32.ts";
import { Crc64Nvme } from "../../archive/crc64nvme.ts";

/**
 * The checksum algorithms local S3 verifies. (S3 also knows the XXHASH family; a header naming
 * one of those is not recognized here and is neither verified nor stored.)
 */
export type ChecksumAlgorithm = "CRC32" | "CRC32C" | "CRC64NVME" | "SHA1" | "SHA256" | "SHA512" | "MD5";

/** A checksum as S3 stores and echoes it: the algorithm and the base64 of the big-endian digest. */
export interface ObjectChecksum {
  /** Which algorithm. */
  readonly algorithm: ChecksumAlgorithm;
  /** Base64 of the digest. */
  readonly value: string;
}

/**
 * How a multipart object's checksum covers it: `FULL_OBJECT`, a checksum of all its bytes (what
 * every single-part object has), or `COMPOSITE`, a checksum of its parts' checksums
 * (S: DOC AmazonS3/latest/userguide/checking-object-integrity-upload.html, "Checksum types").
 */
export type ChecksumType = "COMPOSITE" | "FULL_OBJECT";

/** A checksum being computed over a body that arrives in pieces. */
export interface RunningChecksum {
  /** Adds the next piece. */
  update(bytes: Uint8Array): void;
  /** The base64 digest of everything added. */
  digestBase64(): string;
}

const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
  SHA512: 64,
  MD5: 16,
};

/** Every algorithm, in the order S3 documents them. */
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = Object.keys(
  DIGEST_BYTES,
) as ChecksumAlgorithm[];

/**
 * The request/response header that carries an algorithm's value.
 *
 * @param algorithm The algorithm.
 * @returns For example `x-amz-checksum-crc32`.
 */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Headers named `x-amz-checksum-*` that carry no checksum value. */
const NOT_VALUES = new Set(["x-amz-checksum-type", "x-amz-checksum-algorithm", "x-amz-checksum-mode"]);

/**
 * The checksum values a request's headers carry, by algorithm, as sent (untrimmed).
 *
 * @param headers Request headers, lower-case names.
 * @returns Each `x-amz-checksum-<algorithm>` header S3 knows, in header order.
 */
export function sentChecksums(headers: Readonly<Record<string, string>>): Map<ChecksumAlgorithm, string> {
  const sent = new Map<ChecksumAlgorithm, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith("x-amz-checksum-") || NOT_VALUES.has(name)) continue;
    const algorithm = checksumAlgorithmNamed(name);
    if (algorithm) sent.set(algorithm, value);
  }
  return sent;
}

/**
 * The algorithm named by a header (`x-amz-checksum-crc32`) or by a value (`crc32`, `CRC32`).
 *
 * @param name A header name or an algorithm name, any case.
 * @returns The algorithm, or undefined when S3 knows none by that name.
 */
export function checksumAlgorithmNamed(name: string): ChecksumAlgorithm | undefined {
  const bare = name.trim().toUpperCase().replace(/^X-AMZ-CHECKSUM-/, "");
  return bare in DIGEST_BYTES ? bare as ChecksumAlgorithm : undefined;
}

/**
 * Whether `value` is well-formed for `algorithm`: base64 of exactly the digest's length.
 *
 * @param algorithm The algorithm.
 * @param value What the client sent.
 * @returns True when S3 would accept the value as a checksum.
 */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return Buffer.from(value, "base64").length === DIGEST_BYTES[algorithm];
}

function fromNumber(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString("base64");
}

/**
 * Starts computing a checksum.
 *
 * @param algorithm The algorithm.
 * @returns A running checksum to feed the body to.
 *
 * @example
 * ```ts
 * const sum = startChecksum("CRC32");
 * sum.update(new TextEncoder().encode("hello"));
 * sum.digestBase64(); // "NhCmhg=="
 * ```
 */
export function startChecksum(algorithm: ChecksumAlgorithm): RunningChecksum {
  switch (algorithm) {
    case "CRC32":
    case "CRC32C": {
      const step = algorithm === "CRC32" ? crc32 : crc32c;
      let value = 0;
      return { update: (bytes) => void (value = step(bytes, value)), digestBase64: () => fromNumber(value) };
    }
    case "CRC64NVME": {
      const crc = new Crc64Nvme();
      return {
        update: (bytes) => crc.update(bytes),
        digestBase64: () => Buffer.from(crc.digest()).toString("base64"),
      };
    }
    case "SHA1":
    case "SHA256":
    case "SHA512":
    case "MD5": {
      const hash = createHash(algorithm.toLowerCase());
      return { update: (bytes) => void hash.update(bytes), digestBase64: () => hash.digest("base64") };
    }
  }
}

/**
 * A composite checksum: the algorithm run over the binary checksums of the parts, in part order
 * (S: DOC checking-object-integrity-upload.html, "Composite checksums"; the value S3 returns with
 * `-<parts>` appended, checked against LS-snap test_complete_multipart_parts_checksum_composite,
 * recorded against S3 2026-02: CRC32 parts `NRU+Sw==`, `NRU+Sw==`, `TBHN8A==` give `5FRUiw==-3`).
 *
 * @param algorithm The upload's algorithm.
 * @param partValues The parts' base64 checksums, in part order.
 * @returns The base64 checksum of the checksums, without the `-<parts>` suffix.
 *
 * @example
 * ```ts
 * compositeChecksum("CRC32", ["NRU+Sw==", "NRU+Sw==", "TBHN8A=="]); // "5FRUiw=="
 * ```
 */
export function compositeChecksum(algorithm: ChecksumAlgorithm, partValues: readonly string[]): string {
  const sum = startChecksum(algorithm);
  for (const value of partValues) sum.update(Buffer.from(value, "base64"));
  return sum.digestBase64();
}
