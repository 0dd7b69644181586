/**
 * The order S3 lists keys in: UTF-8 binary order.
 *
 * @module
 */

/**
 * Compares two strings by their UTF-8 bytes without encoding them.
 *
 * UTF-8 byte order equals code point order. JavaScript compares UTF-16 code units, which agrees
 * except where a surrogate (U+D800–DFFF, the halves of astral characters) meets a unit at or
 * above U+E000; the remapping below moves surrogates above that range.
 *
 * @param a The first key.
 * @param b The second key.
 * @returns Negative, zero or positive, as for `Array.prototype.sort`.
 *
 * @example
 * ```ts
 * ["\u{1F600}", "\uFFFD"].sort(compareUtf8); // ["\uFFFD", "\u{1F600}"]
 * ```
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

function codeUnitRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
