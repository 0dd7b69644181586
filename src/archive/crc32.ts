/**
 * The reflected, table-driven CRC-32 family: CRC-32 (IEEE 802.3, zip entries and S3's
 * `x-amz-checksum-crc32`) and CRC-32C (Castagnoli, S3's `x-amz-checksum-crc32c`) differ only
 * in their polynomial.
 *
 * @module
 */

/** A CRC that continues over pieces of a stream: pass the previous result as `crc` (start from 0). */
export type Crc32Function = (bytes: Uint8Array, crc?: number) => number;

/**
 * Builds the slicing-by-8 table of a reflected CRC-32: `[k * 256 + n]` is the register after
 * byte `n` and `k` zero bytes. Refers to nothing outside itself: local S3's digest worker runs
 * it from its source text.
 *
 * @param reflectedPolynomial The polynomial, bit-reversed (`0xedb88320` for CRC-32).
 * @returns The table.
 */
export function crc32Table(reflectedPolynomial: number): Int32Array {
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? reflectedPolynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = table[n];
    for (let k = 1; k < 8; k++) {
      c = table[c & 0xff] ^ (c >>> 8);
      table[k * 256 + n] = c;
    }
  }
  return table;
}

/**
 * Continues a CRC over `bytes`, eight bytes per step. Self-contained, like `crc32Table`.
 *
 * @param table From `crc32Table`.
 * @param bytes The data that follows.
 * @param crc The CRC so far (0 to start).
 * @returns The CRC including `bytes`.
 */
export function crc32Update(table: Int32Array, bytes: Uint8Array, crc: number): number {
  let c = ~crc;
  let i = 0;
  const whole = bytes.length - (bytes.length & 7);
  while (i < whole) {
    const a = c ^ (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24);
    c = table[1792 + (a & 0xff)] ^ table[1536 + ((a >>> 8) & 0xff)] ^
      table[1280 + ((a >>> 16) & 0xff)] ^ table[1024 + (a >>> 24)] ^
      table[768 + bytes[i + 4]] ^ table[512 + bytes[i + 5]] ^ table[256 + bytes[i + 6]] ^
      table[bytes[i + 7]];
    i += 8;
  }
  while (i < bytes.length) c = table[(c ^ bytes[i++]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * A CRC function of the reflected CRC-32 family.
 *
 * @param reflectedPolynomial The polynomial, bit-reversed.
 * @returns The function.
 */
export function crc32For(reflectedPolynomial: number): Crc32Function {
  const table = crc32Table(reflectedPolynomial | 0);
  return (bytes, crc = 0) => crc32Update(table, bytes, crc);
}

/**
 * CRC-32 (IEEE 802.3).
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode("hello")); // 0x3610a686
 * ```
 */
export const crc32: Crc32Function = crc32For(0xedb88320);

/**
 * CRC-32C (Castagnoli; 0x1EDC6F41 bit-reversed).
 *
 * @example
 * ```ts
 * crc32c(new TextEncoder().encode("123456789")); // 0xe3069283
 * ```
 */
export const crc32c: Crc32Function = crc32For(0x82f63b78);
