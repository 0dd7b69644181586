/**
 * Decoding ArrayBuffer nodes: bytes given as base64, or as a blob of the binary parts — copied out
 * once, or left in place for views to be laid over them.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { decodeBase64 } from "./base64.ts";
import type { Node, NodeReader } from "./decode_builtins.ts";

/**
 * A blob of the received bytes standing for an ArrayBuffer that is only the buffer of views: each
 * view is built over the received bytes themselves, so the bytes are never copied.
 */
export class InPlaceBytes {
  /** The blob, a view of the received bytes, 8-byte aligned so any typed array fits over it. */
  readonly bytes: Uint8Array;

  /** @param bytes The blob. */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

/** The blobs of a binary parts container, each handed out once. */
export interface BlobSource {
  /** How many blobs there are. */
  readonly count: number;
  /** The bytes of blob `index` (a view, not a copy), or `undefined` when it was taken before. */
  take(index: number): Uint8Array | undefined;
}

function resizableCopy(bytes: Uint8Array, node: Node, reader: NodeReader): ArrayBuffer {
  const maxByteLength = reader.field(node, "maxByteLength", "integer") as number;
  if (maxByteLength < bytes.length) reader.fail("maxByteLength is smaller than the contents");
  const options = { maxByteLength } as unknown as undefined;
  const buffer = new ArrayBuffer(bytes.length, options);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

function blobBytes(node: Node, reader: NodeReader, blobs: BlobSource | undefined): Uint8Array {
  if (blobs === undefined) {
    return reader.fail(
      "a blob reference is only valid inside binary parts (read them with decodeValueParts)",
    );
  }
  const index = reader.field(node, "blob", "integer") as number;
  if (index >= blobs.count) {
    reader.fail(`blob ${index} is out of range: the container holds ${blobs.count} blobs`);
  }
  const bytes = blobs.take(index);
  if (bytes === undefined) reader.fail(`blob ${index} is used by two ArrayBuffer nodes`);
  return bytes;
}

/**
 * The value of an ArrayBuffer node: a new ArrayBuffer, or, for a blob marked `viewsOnly` and met as
 * the buffer of a view (`forView`), the blob in place.
 *
 * @param node The ArrayBuffer node.
 * @param reader The decoder, for field checks and failures.
 * @param blobs The container's blobs; `undefined` when decoding JSON text.
 * @param forView Whether the node is the `buffer` field of a typed array or DataView node.
 * @returns The ArrayBuffer, or the blob in place.
 */
export function decodeArrayBuffer(
  node: Node,
  reader: NodeReader,
  blobs: BlobSource | undefined,
  forView: boolean,
): ArrayBuffer | InPlaceBytes {
  let bytes: Uint8Array;
  if (node.blob !== undefined) {
    bytes = blobBytes(node, reader, blobs);
    if (node.maxByteLength !== undefined) return resizableCopy(bytes, node, reader);
    // Only an ArrayBuffer (not shared memory), aligned so that a Float64Array over it is allowed.
    const placeable = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset % 8 === 0;
    if (forView && node.viewsOnly === true && placeable) return new InPlaceBytes(bytes);
    return bytes.slice().buffer;
  }
  const decoded = decodeBase64(reader.field(node, "base64", "string") as string);
  if (decoded === undefined) return reader.fail('field "base64" is not canonical base64');
  if (node.maxByteLength !== undefined) return resizableCopy(decoded, node, reader);
  return decoded.buffer as ArrayBuffer;
}
