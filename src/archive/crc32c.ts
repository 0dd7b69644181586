/**
 * CRC-32C (Castagnoli), as S3's `x-amz-checksum-crc32c` uses it.
 *
 * @module
 */

/** The reflected Castagnoli polynomial (0x1EDC6F41 bit-reversed). */
const POLYNOMIAL = 0x82f63b78;

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * Continues a CRC-32C over `bytes`; pass the previous result as `crc` to checksum a stream in
 * pieces (start from 0).
 *
 * @param bytes The next piece of data.
 * @param crc The CRC of everything before `bytes`.
 * @returns The CRC of everything up to and including `bytes`.
 *
 * @example Checksum a string
 * ```ts
 * crc32c(new TextEncoder().encode("123456789")); // 0xe3069283
 * ```
 */
export function crc32c(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
