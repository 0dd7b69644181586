/**
 * The two questions the codec asks of an array: can JSON carry it as it is, and which of its own
 * keys are not indices (named properties, as in `a.tag = "x"`).
 *
 * Self-contained (imports only a sibling with no imports): it is bundled into the code that runs
 * inside Lambda.
 *
 * @module
 */
import { isPlainNumber } from "./encode_leaf.ts";

/**
 * Arrays up to this length are checked for named properties; longer ones are not. Listing an
 * array's keys makes one string per index and costs about as much as encoding the array (some
 * 55 ms for a million numbers), so the check stays under a millisecond and large arrays pay nothing.
 */
export const NAMED_KEY_CHECK_LENGTH = 16_384;

const NO_KEYS: readonly string[] = [];

/**
 * Whether `key` is an array index: the canonical decimal spelling of an integer below 2^32 − 1.
 *
 * @example
 * ```ts
 * isArrayIndex("7"); // true
 * isArrayIndex("07"); // false
 * ```
 */
export function isArrayIndex(key: string): boolean {
  const index = Number(key) >>> 0;
  return String(index) === key && index !== 4294967295;
}

/**
 * The own enumerable keys of `array` that are not indices, in creation order.
 *
 * Own keys list the indices first, ascending, then the other strings (ECMA-262
 * OrdinaryOwnPropertyKeys), so the last key tells whether there are any and a binary search finds
 * where they start.
 *
 * @example
 * ```ts
 * const a = Object.assign([1, 2], { tag: "x" });
 * namedKeys(a); // ["tag"]
 * ```
 */
export function namedKeys(array: readonly unknown[]): readonly string[] {
  const keys = Object.keys(array);
  if (keys.length === 0 || isArrayIndex(keys[keys.length - 1])) return NO_KEYS;
  let low = 0;
  let high = keys.length - 1; // keys[high] is named; find the first named key
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isArrayIndex(keys[middle])) low = middle + 1;
    else high = middle;
  }
  return keys.slice(low);
}

/**
 * Whether JSON carries `array` as it is, and if so a lower bound of its length as JSON text.
 *
 * @returns The lower bound, or `-1` when some element needs a node (or the array has `toJSON`).
 *
 * @example
 * ```ts
 * plainJsonLength([1, "ab"]); // 7
 * plainJsonLength([1, undefined]); // -1
 * ```
 */
export function plainJsonLength(array: readonly unknown[]): number {
  if ("toJSON" in array) return -1;
  let length = 2;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const type = typeof item;
    if (type === "number") {
      if (!isPlainNumber(item as number)) return -1;
      length += 2;
    } else if (type === "string") length += (item as string).length + 3;
    else if (type === "boolean" || item === null) length += 2;
    else return -1;
  }
  return length;
}
