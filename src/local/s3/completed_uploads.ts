/**
 * What local S3 remembers of multipart uploads it completed, so a repeated
 * CompleteMultipartUpload answers 200 with the same result, as S3 does: an SDK that lost the
 * first response retries, and must not see its finished upload fail with NoSuchUpload
 * (S: a test against real S3 in adobe/S3Mock#2586, "CompleteMultipartUpload is not idempotent";
 * minio/minio#13318, "fails with Minio, succeeds with S3"; moto implements it since #8380).
 * Completions of one upload that overlap share the first one's outcome.
 *
 * @module
 */
import type { ChecksumAlgorithm, ChecksumType } from "./checksums.ts";

/** The result of a completed upload, as CompleteMultipartUpload returned it. */
export interface CompletedUpload {
  /** The bucket. */
  readonly bucket: string;
  /** The key. */
  readonly key: string;
  /** The object's ETag, unquoted (`<hex>-<parts>`). */
  readonly etag: string;
  /** The `Location` element. */
  readonly location: string;
  /**
   * The object's checksum, with its type, when it has one; `value` as the response shows it
   * (a composite one ends in `-<parts>`).
   */
  readonly checksum?: {
    readonly algorithm: ChecksumAlgorithm;
    readonly value: string;
    readonly type: ChecksumType;
  };
}

/**
 * How long a completion is remembered (U: S3 does not document its window; a retry comes within
 * seconds, and a day covers any client's retry budget).
 */
const KEPT_MS = 24 * 60 * 60 * 1000;
/** How many completions are remembered at most, so memory stays bounded. */
const KEPT_COUNT = 10_000;

/** Completed uploads by id (in memory: a restart forgets them). */
export class CompletedUploads {
  readonly #done = new Map<string, { readonly result: CompletedUpload; readonly at: number }>();
  readonly #running = new Map<string, Promise<CompletedUpload>>();

  /**
   * The remembered result of an upload completed into this bucket and key, or undefined.
   *
   * @param bucket The bucket.
   * @param key The key.
   * @param uploadId The upload id.
   * @returns The result the first completion returned.
   */
  find(bucket: string, key: string, uploadId: string): CompletedUpload | undefined {
    const entry = this.#done.get(uploadId);
    if (!entry || Date.now() - entry.at > KEPT_MS) return undefined;
    return entry.result.bucket === bucket && entry.result.key === key ? entry.result : undefined;
  }

  /**
   * Runs a completion, or joins the one already running for this upload; remembers a success.
   * When the running one fails, a joining call runs its own (its part list may be right).
   *
   * @param uploadId The upload id.
   * @param complete Completes the upload.
   * @returns The completion's result.
   */
  async run(uploadId: string, complete: () => Promise<CompletedUpload>): Promise<CompletedUpload> {
    for (let running = this.#running.get(uploadId); running; running = this.#running.get(uploadId)) {
      try {
        return await running;
      } catch {
        // The other attempt was refused; this one is judged on its own.
      }
    }
    const attempt = complete();
    this.#running.set(uploadId, attempt);
    try {
      const result = await attempt;
      this.#remember(uploadId, result);
      return result;
    } finally {
      if (this.#running.get(uploadId) === attempt) this.#running.delete(uploadId);
    }
  }

  #remember(uploadId: string, result: CompletedUpload): void {
    const now = Date.now();
    this.#done.set(uploadId, { result, at: now });
    // Insertion order is age order: drop from the front.
    for (const [id, entry] of this.#done) {
      if (this.#done.size <= KEPT_COUNT && now - entry.at <= KEPT_MS) break;
      this.#done.delete(id);
    }
  }
}
