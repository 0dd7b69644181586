/**
 * The encoder of the value format described in `value_codec.ts`.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import {
  encodeArrayBuffer,
  encodeError,
  encodeView,
  type Holder,
  type Node,
  type NodeWriter,
} from "./encode_builtins.ts";
import { encodeNumber, isPlainNumber, leafNode } from "./encode_leaf.ts";
import { UnencodableValue } from "./unencodable_value.ts";
import { VALUE_FORMAT, VALUE_FORMAT_VERSION } from "./value_format.ts";
import { objectKind } from "./value_kind.ts";
import { mapValueStep, type PathStep, renderPath } from "./value_path.ts";

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

function isPlainJsonArray(array: readonly unknown[]): boolean {
  if ("toJSON" in array) return false;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const type = typeof item;
    if (type === "string" || type === "boolean" || item === null) continue;
    if (type === "number" && isPlainNumber(item as number)) continue;
    return false;
  }
  return true;
}

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
  #nextId = 0;

  constructor(root: string) {
    this.#root = root;
  }

  refuse(reason: string): never {
    throw new UnencodableValue(renderPath(this.#root, this.#steps), reason);
  }

  /** Encodes `value` into `holder[key]`, `step` naming it in paths. */
  child(holder: Holder, key: string | number, value: unknown, step: PathStep): void {
    this.#steps.push(step);
    this.encode(holder, key, value);
    this.#steps.pop();
  }

  encode(holder: Holder, key: string | number, value: unknown): void {
    switch (typeof value) {
      case "string":
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
    const seen = this.#placements.get(value);
    if (seen !== undefined) {
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
        return this.#encodeMap(holder, key, value as Map<unknown, unknown>);
      case "Set": {
        const values: unknown[] = [];
        this.tagged(value, holder, key, { $: "Set", values });
        let index = 0;
        for (const member of Set.prototype.values.call(value)) {
          this.child(values as unknown as Holder, index, member, { text: `<Set member #${index}>` });
          index++;
        }
        return;
      }
      case "ArrayBuffer":
        return encodeArrayBuffer(this, holder, key, value as ArrayBuffer);
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
    if (isPlainJsonArray(array)) {
      // JSON carries it as it is: no copy and no per-element work beyond the check.
      this.#place(array, holder, key, array, false);
      return;
    }
    const items: unknown[] = [];
    this.#place(array, holder, key, items, false);
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      if (item === undefined && !(i in array)) items[i] = HOLE_NODE;
      else this.child(items as unknown as Holder, i, item, i);
    }
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
      // An own data property first, so that assigning it cannot reach Object.prototype's __proto__ setter.
      if (name === "__proto__") {
        Object.defineProperty(props, name, { value: null, writable: true, enumerable: true });
      }
      this.child(props, name, (value as Record<string, unknown>)[name], name);
    }
  }

  #encodeMap(holder: Holder, key: string | number, map: Map<unknown, unknown>): void {
    const entries: unknown[][] = [];
    this.tagged(map, holder, key, { $: "Map", entries });
    let index = 0;
    for (const [entryKey, entryValue] of Map.prototype.entries.call(map)) {
      const pair: unknown[] = [null, null];
      entries.push(pair);
      this.child(pair as unknown as Holder, 0, entryKey, { text: `<Map key #${index}>` });
      this.child(pair as unknown as Holder, 1, entryValue, mapValueStep(entryKey, index));
      index++;
    }
  }
}

/**
 * Encodes a structured-clone-able value as versioned JSON text that `decodeValue` turns back into
 * an equal value (see `value_codec.ts` for what survives and the format).
 *
 * @param value The value to encode.
 * @param root The name the value is given in error paths, e.g. `"args"` or `"result"`.
 * @returns JSON text of the form `{"format":"covalent.value","version":1,"value":…}`.
 * @throws {UnencodableValue} When the value holds something that cannot be sent: its `path` says where.
 *
 * @example
 * ```ts
 * const text = encodeValue([1, new Date(0), new Map([["k", 1n]])], "args");
 * ```
 */
export function encodeValue(value: unknown, root = "$"): string {
  const document: Holder = { format: VALUE_FORMAT, version: VALUE_FORMAT_VERSION, value: null };
  try {
    new Encoder(root).encode(document, "value", value);
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
