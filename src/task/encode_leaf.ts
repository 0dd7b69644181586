/**
 * Encoding numbers and the built-in objects that hold one value and nothing else (see
 * `value_codec.ts` for the format).
 *
 * Self-contained (no imports but a type): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */
import type { Node } from "./encode_builtins.ts";

/** The objects `leafNode` encodes. */
export type LeafKind = "Date" | "RegExp" | "Boolean" | "String" | "Number" | "BigInt";

/** Whether JSON carries a number as it is: finite and not `-0`. */
export function isPlainNumber(value: number): boolean {
  return Number.isFinite(value) && !(value === 0 && 1 / value < 0);
}

/**
 * A number as itself, or as a `number` node when JSON cannot carry it.
 *
 * @example
 * ```ts
 * encodeNumber(-0); // { $: "number", value: "-0" }
 * ```
 */
export function encodeNumber(value: number): unknown {
  if (isPlainNumber(value)) return value;
  return { $: "number", value: Object.is(value, -0) ? "-0" : String(value) };
}

/**
 * The node of a Date (its time, `null` when invalid), a RegExp (source and flags) or a boxed
 * primitive.
 *
 * @example
 * ```ts
 * leafNode(new Date(0), "Date"); // { $: "Date", time: 0 }
 * ```
 */
export function leafNode(value: object, kind: LeafKind): Node {
  switch (kind) {
    case "Date": {
      const time = (value as Date).getTime();
      return { $: "Date", time: Number.isNaN(time) ? null : time };
    }
    case "RegExp":
      return { $: "RegExp", source: (value as RegExp).source, flags: (value as RegExp).flags };
    case "Number":
      return { $: "Number", value: encodeNumber((value as { valueOf(): number }).valueOf()) };
    case "BigInt":
      return { $: "BigInt", value: (value as { valueOf(): bigint }).valueOf().toString() };
    default:
      return { $: kind, value: (value as { valueOf(): boolean | string }).valueOf() };
  }
}
