/**
 * The listing walk behind ListObjects and ListObjectsV2: prefix filter, delimiter roll-up into
 * common prefixes, resuming after a key or a common prefix, and a page limit.
 *
 * @module
 */
import { compareUtf8 } from "./utf8_order.ts";

/** What to list. */
export interface ListingRequest {
  /** Only keys that start with this. */
  readonly prefix: string;
  /** Roll keys up to the first occurrence of this after the prefix. */
  readonly delimiter?: string;
  /** Resume strictly after this key or common prefix (a marker, token or StartAfter). */
  readonly after?: string;
  /** Page size: keys plus common prefixes. */
  readonly maxKeys: number;
}

/** One page. */
export interface ListingPage {
  /** Keys, in UTF-8 binary order. */
  readonly keys: string[];
  /** Common prefixes, in the same order. */
  readonly commonPrefixes: string[];
  /** Whether more follow. */
  readonly truncated: boolean;
  /** The last key or common prefix of the page: where the next page resumes. */
  readonly last?: string;
}

/**
 * Lists one page of `sortedKeys`.
 *
 * @param sortedKeys Every key of the bucket in UTF-8 binary order.
 * @param request What to list.
 * @returns The page.
 *
 * @example
 * ```ts
 * listKeys(["a/1", "a/2", "b"], { prefix: "", delimiter: "/", maxKeys: 1000 });
 * // { keys: ["b"], commonPrefixes: ["a/"], truncated: false, last: "b" }
 * ```
 */
export function listKeys(sortedKeys: readonly string[], request: ListingRequest): ListingPage {
  const { prefix, delimiter, after, maxKeys } = request;
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  let index = firstAbove(sortedKeys, prefix, false);
  if (after !== undefined) index = Math.max(index, firstAbove(sortedKeys, after, true));
  let previousPrefix = after;
  for (; index < sortedKeys.length; index++) {
    const key = sortedKeys[index];
    // Keys sharing a prefix are contiguous in this order: leaving the block ends the walk.
    if (!key.startsWith(prefix)) break;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const item = cut >= 0 ? key.slice(0, cut + delimiter!.length) : key;
    if (cut >= 0 && item === previousPrefix) continue;
    if (keys.length + commonPrefixes.length >= maxKeys) {
      truncated = maxKeys > 0;
      break;
    }
    if (cut >= 0) {
      commonPrefixes.push(item);
      previousPrefix = item;
    } else {
      keys.push(key);
    }
    last = item;
  }
  return { keys, commonPrefixes, truncated, last };
}

/** Index of the first key above `bound` (or at it, unless `strict`). */
function firstAbove(sortedKeys: readonly string[], bound: string, strict: boolean): number {
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareUtf8(sortedKeys[middle], bound);
    if (order < 0 || (strict && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}
