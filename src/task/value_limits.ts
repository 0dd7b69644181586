/**
 * The size limits of encoded values, and how a refusal for size reads.
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/** Size limits for encoding or decoding one value. */
export interface ValueLimits {
  /**
   * Largest encoded size accepted, in bytes: for `encodeValue` the length of the JSON text, for
   * `encodeValueParts` and `decodeValueParts` the size of the whole container.
   *
   * @default {64 MiB for `encodeValue`, 2 GiB minus 1 for the binary parts}
   */
  readonly maxBytes?: number;
}

/** `encodeValue`'s default limit: JSON text this long is already slow to build, send and parse. */
export const DEFAULT_MAX_TEXT_BYTES: number = 64 * 1024 * 1024;

/**
 * The binary parts' default limit: the largest size every runtime can hold in one Uint8Array
 * (Node's `buffer.constants.MAX_LENGTH` was 2 GiB − 1 before Node 22), and far above what a
 * task's memory holds twice.
 */
export const DEFAULT_MAX_PARTS_BYTES: number = 2 ** 31 - 1;

/**
 * The most JSON text the header of the binary parts may hold, whatever `maxBytes` says: well below
 * V8's largest string (2^29 − 24 characters), so that `JSON.stringify` fails with a typed error
 * rather than running out of memory.
 */
export const MAX_HEADER_BYTES: number = 256 * 1024 * 1024;

/**
 * Reads `limits.maxBytes`, checking that it is a positive integer.
 *
 * @param limits The caller's limits, if any.
 * @param fallback The default when none is given.
 * @returns The limit in bytes.
 * @throws {RangeError} When `maxBytes` is not a positive safe integer (a programming error).
 *
 * @example
 * ```ts
 * maxBytesOf({ maxBytes: 1024 }, DEFAULT_MAX_TEXT_BYTES); // 1024
 * ```
 */
export function maxBytesOf(limits: ValueLimits | undefined, fallback: number): number {
  const maxBytes = limits?.maxBytes ?? fallback;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`ValueLimits.maxBytes must be a positive integer, got ${maxBytes}`);
  }
  return maxBytes;
}

/**
 * A byte count for people: `64 MiB`, `1.5 GiB`, `812 bytes`.
 *
 * @param bytes The count.
 * @returns The count in the largest binary unit it reaches, with at most one decimal.
 *
 * @example
 * ```ts
 * formatBytes(64 * 1024 * 1024); // "64 MiB"
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["KiB", "MiB", "GiB"];
  let amount = bytes;
  let unit = "bytes";
  for (const next of units) {
    if (amount < 1024) break;
    amount /= 1024;
    unit = next;
  }
  return `${unit === "bytes" ? amount : Math.round(amount * 10) / 10} ${unit}`;
}
