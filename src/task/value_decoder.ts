/**
 * The decoder's walk over a parsed document of the value format described in `value_codec.ts`,
 * shared by the JSON text (`decodeValue`) and the binary parts (`decodeValueParts`), which differ
 * only in where the bytes of buffers come from.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { isArrayIndex } from "./array_keys.ts";
import { type BlobSource, decodeArrayBuffer, InPlaceBytes } from "./decode_buffers.ts";
import { buildError, buildView, type NodeReader } from "./decode_builtins.ts";
import { FIELD_TYPES, type FieldType, isNode } from "./decode_fields.ts";
import { MalformedEncoding } from "./malformed_encoding.ts";
import { SPECIAL_NUMBERS, TYPED_ARRAY_NAMES, VALUE_FORMAT, VALUE_FORMAT_VERSION } from "./value_format.ts";

type Node = Record<string, unknown>;

const TYPED_ARRAY_TAGS: ReadonlySet<string> = new Set(TYPED_ARRAY_NAMES);

class Decoder implements NodeReader {
  readonly #objects = new Map<number, unknown>();
  readonly #steps: (string | number)[] = [];
  readonly #blobs: BlobSource | undefined;

  constructor(blobs: BlobSource | undefined) {
    this.#blobs = blobs;
  }

  fail(problem: string): never {
    const pointer = this.#steps.map((step) => `/${String(step).replaceAll("~", "~0").replaceAll("/", "~1")}`);
    throw new MalformedEncoding(pointer.join(""), problem);
  }

  field(node: Node, name: string, type: FieldType): unknown {
    const value = node[name];
    if (!FIELD_TYPES[type].accepts(value)) {
      this.fail(`field "${name}" of the ${String(node.$)} node must be ${FIELD_TYPES[type].noun}`);
    }
    return value;
  }

  child(node: object, key: string | number): unknown {
    this.#steps.push(key);
    const value = this.decode((node as Record<string | number, unknown>)[key]);
    this.#steps.pop();
    return value;
  }

  viewBuffer(node: Node): unknown {
    this.#steps.push("buffer");
    const inner = node.buffer;
    let buffer: unknown;
    if (isNode(inner) && inner.$ === "ArrayBuffer") {
      buffer = this.register(inner, decodeArrayBuffer(inner, this, this.#blobs, true));
    } else if (isNode(inner) && inner.$ === "ref") buffer = this.#lookup(inner);
    else buffer = this.decode(inner);
    this.#steps.pop();
    return buffer;
  }

  #lookup(node: Node): unknown {
    const id = this.field(node, "id", "integer") as number;
    if (!this.#objects.has(id)) this.fail(`reference to id ${id}, which is not defined before it`);
    return this.#objects.get(id);
  }

  decode(node: unknown): unknown {
    if (typeof node !== "object" || node === null) return node;
    if (Array.isArray(node)) return this.#fillArray(node);
    if (!Object.hasOwn(node, "$")) return this.#fillProps(node as Node);
    return this.#decodeTagged(node as Node);
  }

  /** Records an object under the node's `id`, before its children are read so cycles resolve. */
  register<T>(node: Node, value: T): T {
    if (node.id === undefined) return value;
    const id = this.field(node, "id", "integer") as number;
    if (this.#objects.has(id)) this.fail(`id ${id} is defined twice`);
    this.#objects.set(id, value);
    return value;
  }

  // JSON.parse made these arrays and objects for us alone, so they become the decoded values in place.
  #fillArray(items: unknown[]): unknown[] {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "object" || item === null) continue;
      if (isNode(item) && item.$ === "hole") delete items[i];
      else items[i] = this.child(items, i);
    }
    return items;
  }

  #fillProps(props: Node): Node {
    for (const key of Object.keys(props)) {
      const value = props[key];
      if (typeof value === "object" && value !== null) props[key] = this.child(props, key);
    }
    return props;
  }

  #decodeTagged(node: Node): unknown {
    const tag = node.$;
    switch (tag) {
      case "undefined":
        return undefined;
      case "number": {
        const spelling = this.field(node, "value", "string") as string;
        if (!Object.hasOwn(SPECIAL_NUMBERS, spelling)) {
          this.fail(`"${spelling}" is not NaN, Infinity, -Infinity or -0`);
        }
        return SPECIAL_NUMBERS[spelling];
      }
      case "bigint":
        return this.#bigint(node);
      case "ref": {
        const value = this.#lookup(node);
        if (value instanceof InPlaceBytes) this.fail(`reference to id ${node.id}, a buffer marked viewsOnly`);
        return value;
      }
      case "Array":
        return this.#array(node);
      case "Object":
        return this.#fillProps(this.register(node, this.field(node, "props", "object") as Node));
      case "Date":
        if (node.time !== null) this.field(node, "time", "number");
        return this.register(node, new Date(node.time === null ? NaN : node.time as number));
      case "RegExp":
        return this.register(node, this.#regExp(node));
      case "Map":
        return this.#map(node);
      case "Set": {
        const set = this.register(node, new Set<unknown>());
        const values = this.field(node, "values", "array") as unknown[];
        this.#steps.push("values");
        for (let i = 0; i < values.length; i++) set.add(this.child(values, i));
        this.#steps.pop();
        return set;
      }
      case "ArrayBuffer":
        return this.register(node, decodeArrayBuffer(node, this, this.#blobs, false));
      case "Error":
        return buildError(node, this);
      case "Boolean":
        if (typeof node.value !== "boolean") this.fail('field "value" of the Boolean node must be a boolean');
        return this.register(node, Object(node.value));
      case "String":
        return this.register(node, Object(this.field(node, "value", "string")));
      case "Number": {
        const value = this.child(node, "value");
        if (typeof value !== "number") this.fail('field "value" of the Number node must be a number');
        return this.register(node, Object(value));
      }
      case "BigInt":
        return this.register(node, Object(this.#bigint(node)));
      default:
        if (tag === "DataView" || TYPED_ARRAY_TAGS.has(tag as string)) {
          return buildView(node, tag as string, this);
        }
        return this.fail(tag === "hole" ? "a hole outside an array" : `unknown tag ${JSON.stringify(tag)}`);
    }
  }

  #bigint(node: Node): bigint {
    const digits = this.field(node, "value", "string") as string;
    if (!/^-?[0-9]+$/.test(digits)) this.fail(`"${digits}" is not a decimal integer`);
    return BigInt(digits);
  }

  #regExp(node: Node): RegExp {
    const source = this.field(node, "source", "string") as string;
    const flags = this.field(node, "flags", "string") as string;
    try {
      return new RegExp(source, flags);
    } catch (error) {
      return this.fail(`invalid regular expression: ${(error as Error).message}`);
    }
  }

  #map(node: Node): Map<unknown, unknown> {
    const map = this.register(node, new Map<unknown, unknown>());
    const entries = this.field(node, "entries", "array") as unknown[];
    this.#steps.push("entries");
    for (let i = 0; i < entries.length; i++) {
      const pair = entries[i];
      this.#steps.push(i);
      if (!Array.isArray(pair) || pair.length !== 2) this.fail("a Map entry must be a [key, value] pair");
      const key = this.child(pair, 0);
      map.set(key, this.child(pair, 1));
      this.#steps.pop();
    }
    this.#steps.pop();
    return map;
  }

  /** An array; one with named properties (`a.tag = "x"`) carries them in `props`. */
  #array(node: Node): unknown[] {
    const items = this.#fillArray(this.register(node, this.field(node, "items", "array") as unknown[]));
    if (node.props === undefined) return items;
    const props = this.field(node, "props", "object") as Node;
    this.#steps.push("props");
    for (const key of Object.keys(props)) {
      if (key === "length" || isArrayIndex(key)) {
        this.fail(`"${key}" is an index or length, not a named property`);
      }
      const value = this.child(props, key);
      Object.defineProperty(items, key, { value, writable: true, enumerable: true, configurable: true });
    }
    this.#steps.pop();
    return items;
  }
}

/**
 * Checks a parsed document's format and version and decodes its value.
 *
 * @param document What `JSON.parse` gave for the document (its arrays and objects are reused).
 * @param blobs The blobs of binary parts; `undefined` for JSON text, where blob references are refused.
 * @returns The value, with shared references and cycles restored.
 * @throws {MalformedEncoding} When the document is not this format or version, or breaks its rules.
 *
 * @example
 * ```ts
 * readDocument({ format: "covalent.value", version: 1, value: [1] }, undefined); // [1]
 * ```
 */
export function readDocument(document: unknown, blobs: BlobSource | undefined): unknown {
  if (!isNode(document) || document.format !== VALUE_FORMAT) {
    throw new MalformedEncoding("", `not an encoded value: the "format" field must be "${VALUE_FORMAT}"`);
  }
  if (document.version !== VALUE_FORMAT_VERSION) {
    throw new MalformedEncoding(
      "/version",
      `unsupported version ${
        JSON.stringify(document.version)
      }; this decoder reads version ${VALUE_FORMAT_VERSION}`,
    );
  }
  if (!Object.hasOwn(document, "value")) throw new MalformedEncoding("", 'the "value" field is missing');
  try {
    return new Decoder(blobs).child(document, "value");
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new MalformedEncoding("/value", "the value is nested too deeply to decode");
    }
    throw error;
  }
}
