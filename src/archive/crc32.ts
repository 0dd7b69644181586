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
 * Builds a CRC-32 function for a reflected polynomial.
 *
 * @example CRC-32 itself
 * ```ts
 * const ieee = crc32For(0xedb88320);
 * ieee(new TextEncoder().encode("hello")); // 0x3610a686
 * ```
 */
export function crc32For(reflectedPolynomial: number): Crc32Function {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? reflectedPolynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (bytes, crc = 0) => {
    let c = (crc ^ 0xffffffff) >>> 0;
    for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
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
