/**
 * The one walk of the encoder of the value format described in `value_codec.ts`, shared by the
 * JSON text (`encodeValue`) and the binary parts (`encodeValueParts`), which differ only in their
 * `BufferSink`.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { NAMED_KEY_CHECK_LENGTH, namedKeys, plainJsonLength } from "./array_keys.ts";
import type { BufferSink, Fields, Refuse } from "./buffer_sink.ts";
import {
  encodeArrayBuffer,
  encodeError,
  encodeMap,
  encodeSet,
  encodeView,
  type Holder,
  type Node,
  type NodeWriter,
} from "./encode_builtins.ts";
import { encodeNumber, leafNode } from "./encode_leaf.ts";
import { UnencodableValue } from "./unencodable_value.ts";
import { VALUE_FORMAT, VALUE_FORMAT_VERSION } from "./value_format.ts";
import { objectKind } from "./value_kind.ts";
import { type PathStep, renderPath } from "./value_path.ts";

/** Where an object's first encoding sits, so a later reference can give it an id. */
interface Placement {
  readonly node: object;
  readonly holder: Holder;
  readonly key: string | number;
  readonly tagged: boolean;
  id?: number;
}

const UNDEFINED_NODE: Node = { $: "undefined" };
const HOLE_NODE: Node = { $: "hole" };
const hasEnumerable = Object.prototype.propertyIsEnumerable;
const NO_KEYS: readonly string[] = [];

/**
 * One walk over the value. Every node is written into its holder (the parent node) rather than
 * returned, and the first node of each object is remembered with its holder: when the object is
 * met again, the first node gets an `id` (a bare array or object node is wrapped in place, in its
 * holder) and the new occurrence becomes a `ref`. So sharing costs nothing until it happens, and
 * a single pass suffices.
 */
class Encoder implements NodeWriter {
  readonly #placements = new Map<object, Placement>();
  readonly #steps: PathStep[] = [];
  readonly #root: string;
  readonly #sink: BufferSink;
  readonly #refuse: Refuse = (reason, limit) => this.refuse(reason, limit);
  #nextId = 0;
  /** Set by `viewBuffer` for the one `#encodeObject` call it leads to. */
  #forView = false;

  constructor(root: string, sink: BufferSink) {
    this.#root = root;
    this.#sink = sink;
  }

  refuse(reason: string, limit?: number): never {
    throw new UnencodableValue(renderPath(this.#root, this.#steps), reason, limit);
  }

  contents(bytes: Uint8Array, viewsOnly: boolean): Fields {
    return this.#sink.contents(bytes, viewsOnly, this.#refuse);
  }

  /** Encodes `value` into `holder[key]`, `step` naming it in paths. */
  child(holder: Holder, key: string | number, value: unknown, step: PathStep): void {
    this.#steps.push(step);
    this.encode(holder, key, value);
    this.#steps.pop();
  }

  viewBuffer(node: Node, buffer: ArrayBuffer): void {
    this.#forView = true;
    this.child(node, "buffer", buffer, "buffer");
  }

  encode(holder: Holder, key: string | number, value: unknown): void {
    switch (typeof value) {
      case "string":
        this.#sink.chargeText(value.length + 3, this.#refuse);
        holder[key] = value;
        return;
      case "boolean":
        holder[key] = value;
        return;
      case "number":
        holder[key] = encodeNumber(value);
        return;
      case "undefined":
        holder[key] = UNDEFINED_NODE;
        return;
      case "bigint":
        holder[key] = { $: "bigint", value: value.toString() };
        return;
      case "symbol":
        return this.refuse("symbols cannot be sent to Lambda; a symbol is unique to one process");
      case "function":
        return this.refuse(
          "functions cannot be sent to Lambda; send data and do the work inside the task " +
            "(a task's code travels separately)",
        );
      default:
        if (value === null) holder[key] = null;
        else this.#encodeObject(holder, key, value as object);
    }
  }

  #place(value: object, holder: Holder, key: string | number, node: object, tagged: boolean): void {
    holder[key] = node;
    this.#placements.set(value, { node, holder, key, tagged });
  }

  #reference(placement: Placement): Node {
    if (placement.id === undefined) {
      const id = this.#nextId++;
      placement.id = id;
      if (placement.tagged) (placement.node as Node).id = id;
      else if (Array.isArray(placement.node)) {
        placement.holder[placement.key] = { $: "Array", id, items: placement.node };
      } else placement.holder[placement.key] = { $: "Object", id, props: placement.node };
    }
    return { $: "ref", id: placement.id };
  }

  tagged(value: object, holder: Holder, key: string | number, node: Node): void {
    this.#place(value, holder, key, node, true);
  }

  #encodeObject(holder: Holder, key: string | number, value: object): void {
    const forView = this.#forView;
    this.#forView = false;
    this.#sink.chargeText(2, this.#refuse);
    const seen = this.#placements.get(value);
    if (seen !== undefined) {
      const node = seen.node as Node;
      // A buffer reached as a value after its views must come back as an ArrayBuffer of its own.
      if (!forView && seen.tagged && node.$ === "ArrayBuffer") delete node.viewsOnly;
      holder[key] = this.#reference(seen);
      return;
    }
    const kind = objectKind(value);
    switch (kind.kind) {
      case "Array":
        return this.#encodeArray(holder, key, value as unknown[]);
      case "Object":
        return this.#encodeProps(value, holder, key);
      case "Map":
        return encodeMap(this, holder, key, value as Map<unknown, unknown>);
      case "Set":
        return encodeSet(this, holder, key, value as Set<unknown>);
      case "ArrayBuffer":
        return encodeArrayBuffer(this, holder, key, value as ArrayBuffer, forView);
      case "TypedArray":
        return encodeView(this, holder, key, value as ArrayBufferView, kind);
      case "DataView":
        return encodeView(this, holder, key, value as ArrayBufferView, "DataView");
      case "Error":
        return encodeError(this, holder, key, value as Error);
      case "Date":
      case "RegExp":
      case "Boolean":
      case "String":
      case "Number":
      case "BigInt":
        return this.tagged(value, holder, key, leafNode(value, kind.kind));
      case "Refused":
        return this.refuse(kind.reason);
    }
  }

  #encodeArray(holder: Holder, key: string | number, array: unknown[]): void {
    const named = array.length > NAMED_KEY_CHECK_LENGTH ? NO_KEYS : namedKeys(array);
    const props: Holder = {};
    const plainLength = plainJsonLength(array);
    if (plainLength >= 0) {
      this.#sink.chargeText(plainLength, this.#refuse);
      // JSON carries it as it is (JSON.stringify writes only the indices of an array): no copy and
      // no per-element work beyond the check.
      if (named.length === 0) return this.#place(array, holder, key, array, false);
      this.tagged(array, holder, key, { $: "Array", items: array, props });
      return this.fillProps(props, array, named);
    }
    const items: unknown[] = [];
    if (named.length === 0) this.#place(array, holder, key, items, false);
    else this.tagged(array, holder, key, { $: "Array", items, props });
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      if (item === undefined && !(i in array)) items[i] = HOLE_NODE;
      else this.child(items as unknown as Holder, i, item, i);
    }
    this.fillProps(props, array, named);
  }

  /** A plain object; one with its own `$` key is wrapped so it cannot be taken for a tagged node. */
  #encodeProps(value: object, holder: Holder, key: string | number): void {
    const props: Holder = {};
    if (hasEnumerable.call(value, "$")) this.tagged(value, holder, key, { $: "Object", props });
    else this.#place(value, holder, key, props, false);
    this.fillProps(props, value, Object.keys(value));
  }

  fillProps(props: Holder, value: object, keys: readonly string[]): void {
    for (const name of keys) {
      this.#sink.chargeText(name.length + 3, this.#refuse);
      // An own data property first, so that assigning it cannot reach Object.prototype's __proto__ setter.
      if (name === "__proto__") {
        Object.defineProperty(props, name, { value: null, writable: true, enumerable: true });
      }
      this.child(props, name, (value as Record<string, unknown>)[name], name);
    }
  }
}

/**
 * Walks `value` into a document `{"format":"covalent.value","version":1,…extra,"value":…}` and
 * writes it as JSON text, turning the engine's own failures on huge or deep values into
 * `UnencodableValue`.
 *
 * @param value The value to encode.
 * @param root The name the value is given in error paths.
 * @param sink Where the bytes of buffers go, and the limit of the text.
 * @param extra Called after the walk for further top-level fields (e.g. the blob table).
 * @returns The JSON text.
 * @throws {UnencodableValue} When the value holds something that cannot be sent, or is too large.
 *
 * @example
 * ```ts
 * writeDocument([1n], "args", new TextSink(1024)); // '{"format":"covalent.value",…}'
 * ```
 */
export function writeDocument(value: unknown, root: string, sink: BufferSink, extra?: () => Holder): string {
  const document: Holder = { format: VALUE_FORMAT, version: VALUE_FORMAT_VERSION };
  try {
    const walked: Holder = {};
    new Encoder(root, sink).encode(walked, "value", value);
    Object.assign(document, extra?.(), walked);
    return JSON.stringify(document);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    if (/call stack/i.test(error.message)) {
      throw new UnencodableValue(root, "the value is nested too deeply to encode");
    }
    if (/string length/i.test(error.message)) {
      throw new UnencodableValue(root, "the value is too large to encode as one JavaScript string");
    }
    throw error;
  }
}
