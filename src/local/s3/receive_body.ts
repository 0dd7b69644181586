/**
 * Streaming an upload body (PutObject, UploadPart) to a temporary file while computing its
 * md5 (the ETag) and its checksum, then checking both against what the headers promised.
 * Memory use stays at one write buffer (and, for a body larger than one, the few handed to a
 * digest worker) whatever the object size.
 *
 * @module
 */
import { type FileHandle, open, rm } from "node:fs/promises";
import { concatBytes } from "../http/body.ts";
import { decodeAwsChunked } from "./aws_chunked_decoder.ts";
import { startBodyDigests } from "./body_digests.ts";
import type { BodyPromises } from "./body_promises.ts";
import {
  type ChecksumAlgorithm,
  checksumHeader,
  isWellFormedChecksum,
  type ObjectChecksum,
} from "./checksums.ts";
import type { DigestPool } from "./digest_pool.ts";
import { faults, S3Fault } from "./s3_fault.ts";

/** A body safely on disk. */
export interface ReceivedBody {
  /** Payload size in bytes. */
  readonly size: number;
  /** md5 hex of the payload. */
  readonly md5Hex: string;
  /** The verified checksum (or the one computed for `computeAlgorithm`). */
  readonly checksum?: ObjectChecksum;
}

/** How to receive a body (see `receiveBody`). */
export interface ReceiveOptions {
  /** The largest payload accepted, bytes. */
  readonly maxSize: number;
  /** A checksum to compute when the client sent none (a multipart upload's announced algorithm). */
  readonly computeAlgorithm?: ChecksumAlgorithm;
  /** The workers that hash a body larger than one write buffer. */
  readonly digests: DigestPool;
  /** No md5 (a completed upload's ETag comes from its parts'); a Content-MD5 header then fails. */
  readonly skipMd5?: boolean;
}

/**
 * Bytes gathered before each write to the temporary file. A body that fits in one is hashed on
 * the server's thread; a larger one, write buffer by write buffer, by a digest worker.
 */
const WRITE_BUFFER = 1024 * 1024;

/**
 * Streams `body` into `tempPath` and verifies it. On any failure the file is removed.
 *
 * @param body The request body as received.
 * @param promises What the headers declared (see `readBodyPromises`).
 * @param tempPath A fresh path in the store's temporary directory.
 * @param options See `ReceiveOptions`.
 * @returns Size, md5 and checksum of the stored payload.
 * @throws {S3Fault} BadDigest, XAmzContentSHA256Mismatch, IncompleteBody, InvalidRequest or EntityTooLarge.
 */
export function receiveBody(
  body: AsyncIterable<Uint8Array>,
  promises: BodyPromises,
  tempPath: string,
  options: ReceiveOptions & { skipMd5: true },
): Promise<Omit<ReceivedBody, "md5Hex">>;
export function receiveBody(
  body: AsyncIterable<Uint8Array>,
  promises: BodyPromises,
  tempPath: string,
  options: ReceiveOptions & { skipMd5?: false },
): Promise<ReceivedBody>;
export async function receiveBody(
  body: AsyncIterable<Uint8Array>,
  promises: BodyPromises,
  tempPath: string,
  options: ReceiveOptions,
): Promise<Omit<ReceivedBody, "md5Hex"> & { md5Hex?: string }> {
  const chunked = promises.awsChunked ? decodeAwsChunked(body) : undefined;
  const algorithm = promises.checksum?.algorithm ?? options.computeAlgorithm;
  const digests = startBodyDigests(
    { md5: !options.skipMd5, sha256: Boolean(promises.payloadSha256), checksum: algorithm },
    options.digests,
  );
  let size = 0;
  const file = await open(tempPath, "wx");
  try {
    let pending: Uint8Array[] = [];
    let pendingSize = 0;
    const flush = async (last: boolean) => {
      // A buffer joined from several pieces is this function's own; a lone piece may share
      // its memory with the socket's.
      const owned = pending.length > 1;
      const bytes = concatBytes(pending, pendingSize);
      pending = [];
      pendingSize = 0;
      await writeAll(file, bytes);
      await digests.add(bytes, owned, last);
    };
    for await (const piece of chunked?.payload ?? body) {
      size += piece.length;
      if (size > options.maxSize) throw faults.entityTooLarge(size, options.maxSize);
      pending.push(piece);
      pendingSize += piece.length;
      if (pendingSize >= WRITE_BUFFER) await flush(false);
    }
    if (pendingSize > 0) await flush(true);
    await file.close();
    if (promises.declaredSize !== undefined && size !== promises.declaredSize) throw faults.incompleteBody();
    const computedDigests = await digests.finish();
    const computedSha256 = computedDigests.sha256;
    if (computedSha256 !== undefined && computedSha256 !== promises.payloadSha256) {
      throw new S3Fault(
        400,
        "XAmzContentSHA256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        { ClientComputedContentSHA256: promises.payloadSha256!, S3ComputedContentSHA256: computedSha256 },
      );
    }
    const md5Bytes = computedDigests.md5;
    if (promises.contentMd5 && !md5Bytes?.equals(promises.contentMd5)) throw faults.badContentMd5();
    const computed = algorithm && computedDigests.checksum !== undefined
      ? { algorithm, value: computedDigests.checksum }
      : undefined;
    if (promises.checksum && computed) {
      const sent = promises.checksum.value ?? chunked?.trailers.get(checksumHeader(computed.algorithm));
      if (sent === undefined || !isWellFormedChecksum(computed.algorithm, sent)) {
        throw faults.invalidRequest(
          `Value for ${checksumHeader(computed.algorithm)} trailing header is invalid.`,
        );
      }
      if (sent !== computed.value) throw faults.badDigest(computed.algorithm);
    }
    return { size, md5Hex: md5Bytes?.toString("hex"), checksum: computed };
  } catch (error) {
    digests.cancel();
    await file.close().catch(() => {});
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await file.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}
