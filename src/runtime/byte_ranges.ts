/**
 * How a large object is read: as a few byte ranges at once (S3's advice for throughput). Shared
 * by the runtime's downloads and the executor's, so both split alike. Bundled into the
 * function, so it imports nothing.
 *
 * @module
 */

/** Objects at least this large (and of a known size) are read as ranges. */
export const RANGED_READ_MIN_BYTES = 16 * 1024 * 1024;

/** Ranges read at once. */
export const RANGE_STREAMS = 4;

/** One range, both ends inclusive, as an HTTP `Range` header names it. */
export interface ByteRange {
  /** First byte. */
  readonly start: number;
  /** Last byte. */
  readonly end: number;
}

/**
 * The ranges to read an object of `size` bytes in, or `undefined` when it is read whole.
 *
 * @param size The object's size, when known.
 * @returns `RANGE_STREAMS` ranges covering it in order, or `undefined`.
 */
export function byteRanges(size: number | undefined): ByteRange[] | undefined {
  if (size === undefined || size < RANGED_READ_MIN_BYTES) return undefined;
  const step = Math.ceil(size / RANGE_STREAMS);
  const ranges: ByteRange[] = [];
  for (let start = 0; start < size; start += step) {
    ranges.push({ start, end: Math.min(size, start + step) - 1 });
  }
  return ranges;
}

/**
 * The GET requests reading an object of `size` bytes takes (one per range, or one).
 *
 * @param size The object's size, when known.
 * @returns How many requests.
 */
export function readRequests(size: number | undefined): number {
  return byteRanges(size)?.length ?? 1;
}
