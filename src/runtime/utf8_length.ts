/**
 * The UTF-8 size of a string, counted without encoding it (an answer can be megabytes).
 *
 * @module
 */

/**
 * How many bytes `text` takes in UTF-8. A lone surrogate counts as the 3 bytes of U+FFFD, which
 * is what an encoder writes for it (`JSON.stringify` output never has one).
 *
 * @param text The string.
 * @returns Its UTF-8 length in bytes.
 *
 * @example
 * ```ts
 * utf8Length("é€😀"); // 2 + 3 + 4 = 9
 * ```
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
      continue;
    }
    bytes += 2;
    // A surrogate pair is 2 units and 4 bytes: skip the low half, already counted as 1.
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
  }
  return bytes;
}
