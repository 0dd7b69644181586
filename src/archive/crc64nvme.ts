/**
 * CRC-64/NVME, as S3's `x-amz-checksum-crc64nvme` uses it (and as S3 computes by default for
 * new objects).
 *
 * The 64-bit register is kept as two 32-bit halves so the hot loop stays in small integers
 * instead of BigInt.
 *
 * @module
 */

/** The reflected NVMe polynomial (0xAD93D23594C93659 bit-reversed), as high and low words. */
const POLYNOMIAL_HIGH = 0x9a6c9329;
const POLYNOMIAL_LOW = 0xac4bc9b5;

/**
 * Slicing-by-8 tables, as high and low words: `[k * 256 + n]` is the register after byte `n`
 * and `k` zero bytes, so eight input bytes are folded in with eight lookups instead of eight
 * steps (about four times faster on a large object's checksum).
 */
const [TABLE_HIGH, TABLE_LOW]: readonly [Int32Array, Int32Array] = (() => {
  const high = new Int32Array(256 * 8);
  const low = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (carry) {
        h = (h ^ POLYNOMIAL_HIGH) >>> 0;
        l = (l ^ POLYNOMIAL_LOW) >>> 0;
      }
    }
    high[n] = h;
    low[n] = l;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const h = high[(k - 1) * 256 + n];
      const l = low[(k - 1) * 256 + n];
      const index = l & 0xff;
      low[k * 256 + n] = ((l >>> 8) | (h << 24)) ^ low[index];
      high[k * 256 + n] = (h >>> 8) ^ high[index];
    }
  }
  return [high, low];
})();

/** A CRC-64/NVME in progress; feed it pieces with `update`, then read `digest()`. */
export class Crc64Nvme {
  #high = ~0;
  #low = ~0;

  /**
   * Adds the next piece of data.
   *
   * @param bytes The data that follows everything added so far.
   */
  update(bytes: Uint8Array): void {
    let h = this.#high;
    let l = this.#low;
    const whole = bytes.length - (bytes.length & 7);
    let i = 0;
    while (i < whole) {
      const a = l ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
      const b = h ^ (bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24));
      const i7 = 1792 + (a & 0xff), i6 = 1536 + ((a >>> 8) & 0xff);
      const i5 = 1280 + ((a >>> 16) & 0xff), i4 = 1024 + (a >>> 24);
      const i3 = 768 + (b & 0xff), i2 = 512 + ((b >>> 8) & 0xff);
      const i1 = 256 + ((b >>> 16) & 0xff), i0 = b >>> 24;
      l = (TABLE_LOW[i7] ^ TABLE_LOW[i6] ^ TABLE_LOW[i5] ^ TABLE_LOW[i4] ^ TABLE_LOW[i3] ^ TABLE_LOW[i2] ^
        TABLE_LOW[i1] ^ TABLE_LOW[i0]) | 0;
      h = (TABLE_HIGH[i7] ^ TABLE_HIGH[i6] ^ TABLE_HIGH[i5] ^ TABLE_HIGH[i4] ^ TABLE_HIGH[i3] ^
        TABLE_HIGH[i2] ^ TABLE_HIGH[i1] ^ TABLE_HIGH[i0]) | 0;
      i += 8;
    }
    for (; i < bytes.length; i++) {
      const index = (l ^ bytes[i]) & 0xff;
      l = (((l >>> 8) | (h << 24)) ^ TABLE_LOW[index]) | 0;
      h = ((h >>> 8) ^ TABLE_HIGH[index]) | 0;
    }
    this.#high = h;
    this.#low = l;
  }

  /**
   * The checksum of everything added so far, as 8 big-endian bytes (the form S3 base64-encodes).
   *
   * @returns The digest.
   *
   * @example Checksum a string
   * ```ts
   * const crc = new Crc64Nvme();
   * crc.update(new TextEncoder().encode("hello"));
   * btoa(String.fromCharCode(...crc.digest())); // "M3eFcAZSQlc="
   * ```
   */
  digest(): Uint8Array {
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint32(0, (this.#high ^ 0xffffffff) >>> 0);
    view.setUint32(4, (this.#low ^ 0xffffffff) >>> 0);
    return out;
  }
}
