/**
 * Reading request bodies that are small by contract (JSON and form bodies, XML documents).
 *
 * @module
 */

/** A body was larger than the operation allows. */
export class BodyTooLarge extends Error {
  /** The limit in bytes that was exceeded. */
  readonly limit: number;
  constructor(limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = "BodyTooLarge";
    this.limit = limit;
  }
}

/** Reads a whole body into memory, refusing more than `limit` bytes. */
export async function readBody(body: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Past the limit the rest is still read (and dropped) so the connection stays usable
  // for the error response.
  for await (const chunk of body) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new BodyTooLarge(limit);
  return concatBytes(chunks, size);
}

/** Reads a whole body as UTF-8 text, refusing more than `limit` bytes. */
export async function readText(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBody(body, limit));
}

/** Joins byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[], size?: number): Uint8Array {
  const total = size ?? chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (chunks.length === 1 && chunks[0].length === total) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
