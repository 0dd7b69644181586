/**
 * The digests of an upload body — md5 (the ETag), the SHA-256 of `x-amz-content-sha256` and the
 * flexible checksum — computed on the server's thread for a small body and by a digest worker
 * for a large one (see `digest_pool.ts`).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash, type Hash } from "node:crypto";
import { type ChecksumAlgorithm, type RunningChecksum, startChecksum } from "./checksums.ts";
import type { DigestJob, DigestPool, WorkerAlgorithm } from "./digest_pool.ts";

/** What to compute besides md5. */
export interface WantedDigests {
  /** `false` when the md5 is not needed (a completed upload's ETag comes from its parts'). */
  readonly md5?: boolean;
  /** Whether the SHA-256 of the payload is needed. */
  readonly sha256: boolean;
  /** The checksum to compute, if any. */
  readonly checksum?: ChecksumAlgorithm;
}

/** The digests of a whole body. */
export interface ComputedDigests {
  /** md5 of the payload, unless `md5: false` was wanted. */
  readonly md5?: Buffer;
  /** Hex SHA-256 of the payload, when wanted. */
  readonly sha256?: string;
  /** Base64 checksum, when wanted. */
  readonly checksum?: string;
}

/** Digests being computed over a body that arrives as write buffers. */
export interface BodyDigests {
  /**
   * Adds the next piece. The first piece decides where hashing happens: a body that is one piece
   * (`last` on the first call) is hashed here; a longer one by a worker.
   *
   * @param bytes The piece; when `owned`, its buffer may be detached (do not use it after).
   * @param owned Whether the caller gives the piece away (it made it, and it is written already).
   * @param last Whether no piece follows.
   * @returns Nothing, or a promise to wait for before reading more of the body.
   */
  add(bytes: Uint8Array, owned: boolean, last: boolean): Promise<void> | undefined;
  /** The digests of everything added. */
  finish(): Promise<ComputedDigests>;
  /** Gives up: a worker forgets the body. */
  cancel(): void;
}

/**
 * Starts computing the digests of one body.
 *
 * @param wanted The digests besides md5.
 * @param pool Digest workers for large bodies.
 * @returns The running digests.
 *
 * @example A large body with a CRC32 checksum
 * ```ts
 * const digests = startBodyDigests({ sha256: false, checksum: "CRC32" }, pool);
 * await digests.add(firstMegabyte, true, false); // hashed by a worker from here on
 * await digests.add(rest, true, true);
 * const { md5, checksum } = await digests.finish();
 * ```
 */
export function startBodyDigests(wanted: WantedDigests, pool: DigestPool): BodyDigests {
  // Every checksum S3 knows has a worker algorithm of the same name in lower case.
  const offloaded = wanted.checksum?.toLowerCase() as WorkerAlgorithm | undefined;
  const withMd5 = wanted.md5 !== false;
  let job: DigestJob | undefined;
  let md5: Hash | undefined;
  let sha256: Hash | undefined;
  // The checksum of a small body, hashed here.
  let checksum: RunningChecksum | undefined;
  let started = false;

  const begin = (local: boolean) => {
    started = true;
    const algorithms = new Set<WorkerAlgorithm>();
    if (withMd5) algorithms.add("md5");
    if (wanted.sha256) algorithms.add("sha256");
    if (offloaded) algorithms.add(offloaded);
    if (!local && algorithms.size > 0) {
      job = pool.start([...algorithms]);
      return;
    }
    md5 = withMd5 ? createHash("md5") : undefined;
    sha256 = wanted.sha256 ? createHash("sha256") : undefined;
    checksum = wanted.checksum && startChecksum(wanted.checksum);
  };

  return {
    add: (bytes, owned, last) => {
      if (!started) begin(last);
      if (job) return job.push(bytes, owned);
      checksum?.update(bytes);
      md5?.update(bytes);
      sha256?.update(bytes);
      return undefined;
    },
    finish: async () => {
      if (!started) begin(true);
      if (!job) {
        return { md5: md5?.digest(), sha256: sha256?.digest("hex"), checksum: checksum?.digestBase64() };
      }
      const digests = await job.finish();
      return {
        md5: withMd5 ? Buffer.from(digests.md5) : undefined,
        sha256: wanted.sha256 ? Buffer.from(digests.sha256).toString("hex") : undefined,
        checksum: offloaded ? Buffer.from(digests[offloaded]).toString("base64") : undefined,
      };
    },
    cancel: () => job?.cancel(),
  };
}
