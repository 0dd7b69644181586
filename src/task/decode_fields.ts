/**
 * The field types the decoder checks in the nodes of an encoded document (see `value_codec.ts`).
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/**
 * Whether a parsed JSON value is an object node (not an array, not `null`).
 *
 * @example
 * ```ts
 * isNode({ $: "undefined" }); // true
 * isNode([1]); // false
 * ```
 */
export function isNode(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The types a node's field may be required to have. */
export type FieldType = "string" | "number" | "integer" | "array" | "object";

/** For each field type, its check and its name in error messages. */
export const FIELD_TYPES: Readonly<Record<FieldType, { accepts(value: unknown): boolean; noun: string }>> = {
  string: { accepts: (value) => typeof value === "string", noun: "a string" },
  number: { accepts: (value) => typeof value === "number", noun: "a number" },
  integer: {
    accepts: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
    noun: "a non-negative integer",
  },
  array: { accepts: Array.isArray, noun: "an array" },
  object: { accepts: isNode, noun: "an object" },
};
