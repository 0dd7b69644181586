/**
 * Sending values to Lambda and back: `encodeValue` turns a structured-clone-able value into JSON
 * text, `decodeValue` turns the text back into an equal value. `encodeValueParts` and
 * `decodeValueParts` do the same with binary parts, for values spilled to S3: large buffers travel
 * there as raw bytes.
 *
 * This file and the files it imports are self-contained (no `node:` imports, no Deno, no npm), so
 * the same code is bundled into the runtime that runs inside Lambda.
 *
 * ## What survives
 *
 * Primitives (including `undefined`, `NaN`, `±Infinity`, `-0` and BigInt), plain objects and
 * arrays (with holes kept apart from `undefined` elements, and named properties such as
 * `a.tag = "x"`), Date (also an invalid one), RegExp
 * (source and flags), Map, Set, ArrayBuffer (also resizable), every typed array and DataView
 * (views sharing one buffer still share it), Error and its subclasses (name, message, stack,
 * cause, AggregateError's errors, and own enumerable properties such as `code`), boxed primitives,
 * and shared references and cycles, with identity preserved.
 *
 * Like `structuredClone`: getters are read and their values sent; symbol-keyed and
 * non-enumerable properties are not sent; an object with a `null` prototype comes back as a plain
 * object; an Error whose name is not a standard one comes back as an `Error` carrying that name.
 * Unlike it: named properties of an array longer than 16 384 elements are not sent (listing an
 * array's keys costs about as much as encoding it, so only shorter ones are checked), a typed
 * array subclass such as Node's `Buffer` comes back as its base type over a buffer holding only
 * its own bytes (a pooled `Buffer` may share memory with unrelated data), a typed array that
 * tracks the length of a resizable buffer comes back with the length it had, and a RegExp's
 * `lastIndex` is reset. Values nested thousands of levels deep are refused
 * (at the root), as `structuredClone` refuses them.
 *
 * Refused with `UnencodableValue` (its `path` says where, e.g. `args[1].user.callback`): functions,
 * symbols, instances of classes other than the built-ins above (including subclasses of Array,
 * Map, …), WeakMap, WeakSet, WeakRef, Promise, SharedArrayBuffer and detached buffers.
 *
 * Refused for size, with `UnencodableValue` whose `limit` is set: JSON text that would exceed
 * `limits.maxBytes` (64 MiB by default) and binary parts that would exceed theirs (2 GiB − 1 by
 * default; their header's JSON text is also held to 256 MiB). The size is counted during the walk,
 * as a lower bound (strings by their length, buffers by their encoded size, other leaves one
 * character each), so a value is refused before anything that large is built, and never when it
 * would fit. A value refused as text for its size can travel as binary parts.
 *
 * ## The format (version 1)
 *
 * A document is `{"format":"covalent.value","version":1,"value":NODE}`. A NODE is:
 *
 * - a JSON string, boolean, `null` or finite number other than `-0`: itself;
 * - a JSON array: an array whose elements are NODEs (`{"$":"hole"}` marks a missing element);
 * - a JSON object without a `"$"` key: a plain object whose property values are NODEs;
 * - a JSON object with a `"$"` tag:
 *   - `{"$":"undefined"}`, `{"$":"number","value":"NaN"|"Infinity"|"-Infinity"|"-0"}`,
 *     `{"$":"bigint","value":"-12"}`;
 *   - `{"$":"Array","items":[NODE…],"props"?:{…NODE}}` and `{"$":"Object","props":{…NODE}}`: an
 *     array or plain object that needs an `id`, an array with named properties (in `props`, never
 *     an index or `length`), or a plain object with its own `"$"` key;
 *   - `{"$":"Date","time":ms|null}`, `{"$":"RegExp","source":…,"flags":…}`,
 *     `{"$":"Map","entries":[[NODE,NODE]…]}`, `{"$":"Set","values":[NODE…]}`;
 *   - `{"$":"ArrayBuffer","base64":…,"maxByteLength"?:n}`, or, in binary parts only,
 *     `{"$":"ArrayBuffer","blob":i,"viewsOnly"?:true,"maxByteLength"?:n}` (see below);
 *     `{"$":"Uint8Array"|…,"buffer":NODE,"byteOffset":n,"length":n}` for each typed array type;
 *     `{"$":"DataView","buffer":NODE,"byteOffset":n,"byteLength":n}`;
 *   - `{"$":"Error","name":…,"message"?:…,"stack"?:…,"cause"?:NODE,"errors"?:NODE,"props"?:{…NODE}}`;
 *   - `{"$":"Boolean"|"String","value":…}`, `{"$":"Number","value":NODE}`, `{"$":"BigInt","value":"12"}`
 *     for boxed primitives;
 *   - `{"$":"ref","id":n}`: the object defined by the tagged node carrying `"id":n`.
 *
 * Any object node may carry an `"id"`; it does when the object is reached more than once. The
 * definition comes before every reference in a depth-first walk of the document that visits
 * arrays and `props` in order, Map entries key then value, and an Error's `cause`, `errors`, then
 * `props` — the order the encoder walks the value in. So a reader in any language can rebuild
 * cycles by creating each object before reading its children.
 *
 * ## Binary parts (for S3)
 *
 * One object, written and read in one go, every number little-endian:
 *
 * | offset | size | contents                                                               |
 * | ------ | ---- | ---------------------------------------------------------------------- |
 * | 0      | 4    | the magic `CVB1` (ASCII)                                               |
 * | 4      | 4    | H, the header's length (uint32), padding included                      |
 * | 8      | H    | the header: a document as above, UTF-8, then spaces up to 8 + H ≡ 0 (mod 8) |
 * | 8 + H  | …    | blob 0, then zeros to a multiple of 8; blob 1, …                       |
 *
 * The header is `{"format":"covalent.value","version":1,"blobs":[n0,n1,…],"value":NODE}`: `blobs`
 * lists each blob's length in bytes, so blob i starts at 8 + H plus the padded lengths of the
 * blobs before it, and the object ends exactly after the last blob's padding. Every ArrayBuffer
 * of 1 KiB or more (also the buffer under a typed array or DataView, and a Node `Buffer`'s own
 * bytes) is a blob, `{"$":"ArrayBuffer","blob":i}`, each blob used once; smaller ones stay base64.
 *
 * `viewsOnly` marks a buffer reached only as the `buffer` of typed arrays and DataViews: the
 * decoder lays those views over the received bytes themselves (their `buffer` is the whole
 * object's, their `byteOffset` counts from its start), so a 250 MB array is neither copied on
 * encoding (the blob is a view of the value's memory) nor on decoding. Any other blob — an
 * ArrayBuffer reached as a value, a resizable one, or any blob when the received bytes are not
 * 8-byte aligned — is copied out once into an ArrayBuffer of its own, shared by its views.
 *
 * @example
 * ```ts
 * import { decodeValue, encodeValue } from "./value_codec.ts";
 * const node = { when: new Date(0), tags: new Set(["a"]) } as Record<string, unknown>;
 * node.self = node;
 * const copy = decodeValue(encodeValue(node, "args")) as typeof node;
 * copy.self === copy; // true
 * ```
 *
 * @module
 */
export { encodeValue } from "./encode_value.ts";
export { decodeValue } from "./decode_value.ts";
export { decodeValueParts, type EncodedParts, encodeValueParts, type ValueLimits } from "./value_parts.ts";
export { UnencodableValue } from "./unencodable_value.ts";
export { MalformedEncoding } from "./malformed_encoding.ts";
