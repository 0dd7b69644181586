/**
 * The binary parts container: a value encoded for S3 as a small JSON header plus its large byte
 * buffers written raw, so that bytes travel as bytes (no base64) and neither side holds more than
 * one copy of them. The layout is described in `value_codec.ts`.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { BLOB_ALIGNMENT, BlobSink, paddedLength } from "./blob_sink.ts";
import type { BlobSource } from "./decode_buffers.ts";
import { MalformedEncoding } from "./malformed_encoding.ts";
import { UnencodableValue } from "./unencodable_value.ts";
import { readDocument } from "./value_decoder.ts";
import { writeDocument } from "./value_encoder.ts";
import {
  DEFAULT_MAX_PARTS_BYTES,
  formatBytes,
  MAX_HEADER_BYTES,
  maxBytesOf,
  type ValueLimits,
} from "./value_limits.ts";

export type { ValueLimits } from "./value_limits.ts";

/** A value encoded for S3: a small JSON header plus raw byte blobs, written one after another. */
export interface EncodedParts {
  /**
   * Every piece in order: magic + header length, header JSON (UTF-8) and its padding, then each
   * blob and its padding. Views, not copies: a blob is a view of the encoded value's own buffer,
   * so the value must not change until the pieces are written.
   */
  readonly pieces: readonly Uint8Array[];
  /** Total size in bytes (the object's size). */
  readonly byteLength: number;
}

const MAGIC = [0x43, 0x56, 0x42, 0x31]; // "CVB1"
const PREFIX_LENGTH = 8;
// Read-only padding: a header is padded with spaces (JSON whitespace), a blob with zeros.
const SPACES = new Uint8Array(BLOB_ALIGNMENT).fill(0x20);
const ZEROS = new Uint8Array(BLOB_ALIGNMENT);

function padding(length: number, fill: Uint8Array): Uint8Array | undefined {
  const pad = paddedLength(length) - length;
  return pad === 0 ? undefined : fill.subarray(0, pad);
}

/**
 * Encodes a structured-clone-able value as binary parts that `decodeValueParts` turns back into an
 * equal value. ArrayBuffers and the buffers of typed arrays and DataViews of 1 KiB or more become
 * raw blobs; the blobs are views of the value's own memory, so nothing is copied.
 *
 * @param value The value to encode.
 * @param root The name the value is given in error paths, e.g. `"args"` or `"result"`.
 * @param limits The most bytes the whole container may take (2 GiB − 1 by default); the header's
 *   JSON text is also held to 256 MiB, below the engine's largest string.
 * @returns The pieces to write one after another, and their total size.
 * @throws {UnencodableValue} When the value holds something that cannot be sent (its `path` says
 *   where), or is too large (its `limit` says which limit), checked before anything large is built.
 *
 * @example
 * ```ts
 * const parts = encodeValueParts({ pixels: new Uint8Array(1 << 20) }, "args");
 * parts.byteLength; // 1048680 or so: the header, then the megabyte as it is
 * ```
 */
export function encodeValueParts(value: unknown, root: string, limits?: ValueLimits): EncodedParts {
  const maxBytes = maxBytesOf(limits, DEFAULT_MAX_PARTS_BYTES);
  const sink = new BlobSink(maxBytes, Math.min(maxBytes, MAX_HEADER_BYTES));
  const text = writeDocument(value, root, sink, () => ({ blobs: sink.blobs.map((blob) => blob.length) }));
  const header = new TextEncoder().encode(text);
  const headerPadding = padding(PREFIX_LENGTH + header.length, SPACES);
  const headerLength = header.length + (headerPadding?.length ?? 0);
  const byteLength = PREFIX_LENGTH + headerLength + sink.blobBytes;
  if (byteLength > maxBytes) {
    // The walk counted a lower bound; the exact size is known only now, before anything is written.
    throw new UnencodableValue(
      root,
      `the value is too large to encode: its binary parts would take ${formatBytes(byteLength)}, ` +
        `more than the limit of ${formatBytes(maxBytes)}`,
      maxBytes,
    );
  }
  const prefix = new Uint8Array(PREFIX_LENGTH);
  prefix.set(MAGIC);
  new DataView(prefix.buffer).setUint32(4, headerLength, true);
  const pieces: Uint8Array[] = [prefix, header];
  if (headerPadding !== undefined) pieces.push(headerPadding);
  for (const blob of sink.blobs) {
    pieces.push(blob);
    const blobPadding = padding(blob.length, ZEROS);
    if (blobPadding !== undefined) pieces.push(blobPadding);
  }
  return { pieces, byteLength };
}

function malformed(problem: string): never {
  throw new MalformedEncoding("", problem);
}

/** The header's JSON object, and the offset where the blobs start. */
function readHeader(
  bytes: Uint8Array,
  maxBytes: number,
): { readonly document: Record<string, unknown>; readonly blobsStart: number } {
  if (bytes.length > maxBytes) {
    malformed(
      `the binary parts take ${formatBytes(bytes.length)}, more than the limit of ${formatBytes(maxBytes)}`,
    );
  }
  if (bytes.length < PREFIX_LENGTH || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    const hint = bytes[0] === 0x7b ? " (this looks like JSON text: read it with decodeValue)" : "";
    malformed(`not binary parts: they must start with "CVB1" and a 4-byte header length${hint}`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, PREFIX_LENGTH).getUint32(4, true);
  if (headerLength > bytes.length - PREFIX_LENGTH) {
    malformed(
      `truncated: the header is ${headerLength} bytes but only ${bytes.length - PREFIX_LENGTH} follow`,
    );
  }
  let document: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true })
      .decode(bytes.subarray(PREFIX_LENGTH, PREFIX_LENGTH + headerLength));
    document = JSON.parse(text);
  } catch (error) {
    malformed(`the header is not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    malformed("the header is not a JSON object");
  }
  return { document: document as Record<string, unknown>, blobsStart: PREFIX_LENGTH + headerLength };
}

/** The blobs after the header, checking that they end exactly where the bytes do. */
function blobSource(bytes: Uint8Array, document: Record<string, unknown>, blobsStart: number): BlobSource {
  const lengths = document.blobs;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new MalformedEncoding("/blobs", "the blob table must be an array of byte lengths");
  }
  const offsets: number[] = [];
  let end = blobsStart;
  for (const length of lengths as number[]) {
    offsets.push(end);
    end += paddedLength(length);
  }
  if (end !== bytes.length) {
    const problem = end > bytes.length ? "truncated" : "trailing bytes";
    malformed(`${problem}: the header and blobs take ${end} bytes, but there are ${bytes.length}`);
  }
  const taken = new Set<number>();
  return {
    count: lengths.length,
    take(index) {
      if (taken.has(index)) return undefined;
      taken.add(index);
      return bytes.subarray(offsets[index], offsets[index] + (lengths[index] as number));
    },
  };
}

/**
 * Decodes binary parts made by `encodeValueParts` back into the value. Typed arrays and DataViews
 * whose buffer is reached only through views are laid over `bytes` itself (their `buffer` is
 * `bytes.buffer`), so keep `bytes` unchanged while they are in use; an ArrayBuffer reached as a
 * value is copied out once.
 *
 * @param bytes The whole container, as read from S3.
 * @param limits The most bytes accepted (2 GiB − 1 by default).
 * @returns The value, with shared references and cycles restored.
 * @throws {MalformedEncoding} When `bytes` is not binary parts, is truncated, or its header breaks
 *   the format's rules.
 *
 * @example
 * ```ts
 * const parts = encodeValueParts(new Float64Array(1024), "result");
 * const bytes = new Uint8Array(parts.byteLength);
 * let offset = 0;
 * for (const piece of parts.pieces) offset += (bytes.set(piece, offset), piece.length);
 * decodeValueParts(bytes); // Float64Array(1024), a view into bytes.buffer
 * ```
 */
export function decodeValueParts(bytes: Uint8Array, limits?: ValueLimits): unknown {
  const { document, blobsStart } = readHeader(bytes, maxBytesOf(limits, DEFAULT_MAX_PARTS_BYTES));
  return readDocument(document, blobSource(bytes, document, blobsStart));
}
