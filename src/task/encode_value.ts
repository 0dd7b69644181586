/**
 * The encoder of the value format described in `value_codec.ts`.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { TextSink } from "./buffer_sink.ts";
import { writeDocument } from "./value_encoder.ts";
import { DEFAULT_MAX_TEXT_BYTES, maxBytesOf, type ValueLimits } from "./value_limits.ts";

/**
 * Encodes a structured-clone-able value as versioned JSON text that `decodeValue` turns back into
 * an equal value (see `value_codec.ts` for what survives and the format).
 *
 * The size is checked during the walk, before any large text is built: a value whose text would
 * be longer than `limits.maxBytes` (64 MiB by default) is refused with an `UnencodableValue` whose
 * `limit` is set, and should travel as binary parts (`encodeValueParts`) instead.
 *
 * @param value The value to encode.
 * @param root The name the value is given in error paths, e.g. `"args"` or `"result"`.
 * @param limits The most characters the text may hold.
 * @returns JSON text of the form `{"format":"covalent.value","version":1,"value":…}`.
 * @throws {UnencodableValue} When the value holds something that cannot be sent (its `path` says
 *   where), or its text would exceed the limit (its `limit` says which).
 *
 * @example
 * ```ts
 * const text = encodeValue([1, new Date(0), new Map([["k", 1n]])], "args");
 * ```
 *
 * @example Refused for size
 * ```ts
 * encodeValue(new Uint8Array(100 * 2 ** 20), "args"); // throws UnencodableValue (limit: 67108864)
 * ```
 */
export function encodeValue(value: unknown, root = "$", limits?: ValueLimits): string {
  return writeDocument(value, root, new TextSink(maxBytesOf(limits, DEFAULT_MAX_TEXT_BYTES)));
}
