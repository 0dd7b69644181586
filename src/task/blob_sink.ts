/**
 * The sink of `encodeValueParts`: the bytes of a large buffer become a blob, kept as a view of the
 * value's own memory and written raw after the header; a small one stays base64 in the header.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { encodeBase64 } from "./base64.ts";
import { base64Length, type BufferSink, type Fields, type Refuse } from "./buffer_sink.ts";
import { formatBytes } from "./value_limits.ts";

/** Buffers smaller than this stay base64 in the header: a blob would cost more in padding and pieces. */
export const BLOB_THRESHOLD = 1024;

/** Every blob starts at a multiple of this, so that any typed array can be laid over it in place. */
export const BLOB_ALIGNMENT = 8;

/**
 * The length of `length` bytes followed by their padding to a multiple of `BLOB_ALIGNMENT`.
 *
 * @example
 * ```ts
 * paddedLength(13); // 16
 * ```
 */
export function paddedLength(length: number): number {
  return Math.ceil(length / BLOB_ALIGNMENT) * BLOB_ALIGNMENT;
}

/** Collects blobs while counting the header text and the whole container against their limits. */
export class BlobSink implements BufferSink {
  /** The blobs in order: views of the value's own buffers, never copies. */
  readonly blobs: Uint8Array[] = [];
  readonly #maxBytes: number;
  readonly #maxHeaderBytes: number;
  #headerLength = 0;
  #blobBytes = 0;

  /**
   * @param maxBytes The most bytes the whole container may take.
   * @param maxHeaderBytes The most characters the header's JSON text may hold.
   */
  constructor(maxBytes: number, maxHeaderBytes: number) {
    this.#maxBytes = maxBytes;
    this.#maxHeaderBytes = maxHeaderBytes;
  }

  /** The total of the blobs with their padding, in bytes. */
  get blobBytes(): number {
    return this.#blobBytes;
  }

  chargeText(length: number, refuse: Refuse): void {
    this.#headerLength += length;
    if (this.#headerLength > this.#maxHeaderBytes) {
      refuse(
        `the value is too large to encode: its structure and strings would exceed the limit of ` +
          `${formatBytes(this.#maxHeaderBytes)} of JSON text in the header of its binary parts ` +
          `(at least ${formatBytes(this.#headerLength)} so far); large data travels as raw bytes ` +
          "only in ArrayBuffers and typed arrays",
        this.#maxHeaderBytes,
      );
    }
    this.#checkTotal(refuse);
  }

  contents(bytes: Uint8Array, viewsOnly: boolean, refuse: Refuse): Fields {
    if (bytes.length < BLOB_THRESHOLD) {
      this.chargeText(base64Length(bytes.length), refuse);
      return { base64: encodeBase64(bytes) };
    }
    this.#blobBytes += paddedLength(bytes.length);
    this.#checkTotal(refuse);
    const blob = this.blobs.push(bytes) - 1;
    return viewsOnly ? { blob, viewsOnly } : { blob };
  }

  #checkTotal(refuse: Refuse): void {
    const total = this.#headerLength + this.#blobBytes;
    if (total > this.#maxBytes) {
      refuse(
        `the value is too large to encode: its binary parts would exceed the limit of ` +
          `${formatBytes(this.#maxBytes)} (at least ${formatBytes(total)} so far)`,
        this.#maxBytes,
      );
    }
  }
}
