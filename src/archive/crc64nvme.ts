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

const [TABLE_HIGH, TABLE_LOW]: readonly [Uint32Array, Uint32Array] = (() => {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
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
  return [high, low];
})();

/** A CRC-64/NVME in progress; feed it pieces with `update`, then read `digest()`. */
export class Crc64Nvme {
  #high = 0xffffffff;
  #low = 0xffffffff;

  /**
   * Adds the next piece of data.
   *
   * @param bytes The data that follows everything added so far.
   */
  update(bytes: Uint8Array): void {
    let h = this.#high;
    let l = this.#low;
    for (let i = 0; i < bytes.length; i++) {
      const index = (l ^ bytes[i]) & 0xff;
      l = (((l >>> 8) | (h << 24)) ^ TABLE_LOW[index]) >>> 0;
      h = ((h >>> 8) ^ TABLE_HIGH[index]) >>> 0;
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
