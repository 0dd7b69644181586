/**
 * Where the encoder's walk puts the bytes of ArrayBuffers, and how it counts the size of what it
 * writes: the hook that lets one walk produce both JSON text (`encodeValue`, bytes as base64) and
 * the binary parts (`encodeValueParts`, large bytes as raw blobs).
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { encodeBase64 } from "./base64.ts";
import { formatBytes } from "./value_limits.ts";

/** A node or part of one, as written into the document. */
export type Fields = Record<string, unknown>;

/** Throws `UnencodableValue` at the walk's current path; `limit` marks a refusal for size. */
export type Refuse = (reason: string, limit?: number) => never;

/** What the encoder's walk hands sizes and bytes to. */
export interface BufferSink {
  /**
   * Counts `length` more characters of the document's JSON text (a lower bound: strings count
   * their length, other leaves one character), refusing through `refuse` past the limit, before
   * anything that large is built.
   */
  chargeText(length: number, refuse: Refuse): void;
  /**
   * The fields of an ArrayBuffer node that carry `bytes`: `{base64}` or a blob reference.
   *
   * @param bytes A view of the bytes; a sink may keep it (not a copy) until the document is written.
   * @param viewsOnly Whether, as far as is known yet, the buffer is reached only as the buffer of
   *   typed arrays or DataViews, which a decoder may then lay directly over the received bytes.
   */
  contents(bytes: Uint8Array, viewsOnly: boolean, refuse: Refuse): Fields;
}

/** The length of the base64 text of `byteLength` bytes. */
export function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

/**
 * The sink of `encodeValue`: every buffer as base64 inside the JSON text, which may hold at most
 * `maxBytes` characters (bytes, as the text is ASCII apart from non-ASCII strings).
 */
export class TextSink implements BufferSink {
  readonly #maxBytes: number;
  #length = 0;

  /** @param maxBytes The most characters the JSON text may hold. */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  chargeText(length: number, refuse: Refuse): void {
    this.#length += length;
    if (this.#length > this.#maxBytes) {
      refuse(
        `the value is too large to send inline: its JSON text would exceed the limit of ` +
          `${formatBytes(this.#maxBytes)} (at least ${formatBytes(this.#length)} so far); ` +
          "spilled to S3, it travels as binary parts instead (encodeValueParts)",
        this.#maxBytes,
      );
    }
  }

  contents(bytes: Uint8Array, _viewsOnly: boolean, refuse: Refuse): Fields {
    this.chargeText(base64Length(bytes.length), refuse);
    return { base64: encodeBase64(bytes) };
  }
}
