/**
 * Names shared by the encoder and the decoder of the value format (see `value_codec.ts` for the
 * format itself).
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/** The `format` field of every encoded document. */
export const VALUE_FORMAT = "covalent.value";

/** The `version` field this code writes and the only one it reads. */
export const VALUE_FORMAT_VERSION = 1;

/** Typed array constructor names, which are also their node tags. */
export const TYPED_ARRAY_NAMES: readonly string[] = [
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float16Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
];

/** Error constructors that are rebuilt with their own prototype; any other name becomes an `Error`. */
export const STANDARD_ERROR_NAMES: readonly string[] = [
  "Error",
  "EvalError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "TypeError",
  "URIError",
  "AggregateError",
];

/** The spellings of the numbers JSON cannot carry, as written in a `number` node. */
export const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  "NaN": NaN,
  "Infinity": Infinity,
  "-Infinity": -Infinity,
  "-0": -0,
};

/** Own error properties carried in their own fields rather than in `props`. */
export const ERROR_FIELDS: ReadonlySet<string> = new Set(["name", "message", "stack", "cause", "errors"]);
