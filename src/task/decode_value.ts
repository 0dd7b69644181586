/**
 * The decoder of the value format described in `value_codec.ts`.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { decodeBase64 } from "./base64.ts";
import { buildError, buildView, type NodeReader } from "./decode_builtins.ts";
import { MalformedEncoding } from "./malformed_encoding.ts";
import { SPECIAL_NUMBERS, TYPED_ARRAY_NAMES, VALUE_FORMAT, VALUE_FORMAT_VERSION } from "./value_format.ts";

type Node = Record<string, unknown>;

const TYPED_ARRAY_TAGS: ReadonlySet<string> = new Set(TYPED_ARRAY_NAMES);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type FieldType = "string" | "number" | "integer" | "array" | "object";

const FIELD_TYPES: Record<FieldType, { accepts(value: unknown): boolean; noun: string }> = {
  string: { accepts: (value) => typeof value === "string", noun: "a string" },
  number: { accepts: (value) => typeof value === "number", noun: "a number" },
  integer: {
    accepts: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
    noun: "a non-negative integer",
  },
  array: { accepts: Array.isArray, noun: "an array" },
  object: { accepts: isNode, noun: "an object" },
};

class Decoder implements NodeReader {
  readonly #objects = new Map<number, unknown>();
  readonly #steps: (string | number)[] = [];

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
        const id = this.field(node, "id", "integer") as number;
        if (!this.#objects.has(id)) this.fail(`reference to id ${id}, which is not defined before it`);
        return this.#objects.get(id);
      }
      case "Array":
        return this.#fillArray(this.register(node, this.field(node, "items", "array") as unknown[]));
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
        return this.register(node, this.#arrayBuffer(node));
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

  #arrayBuffer(node: Node): ArrayBuffer {
    const bytes = decodeBase64(this.field(node, "base64", "string") as string);
    if (bytes === undefined) return this.fail('field "base64" is not canonical base64');
    if (node.maxByteLength === undefined) return bytes.buffer as ArrayBuffer;
    const maxByteLength = this.field(node, "maxByteLength", "integer") as number;
    if (maxByteLength < bytes.length) this.fail("maxByteLength is smaller than the contents");
    const options = { maxByteLength } as unknown as undefined;
    const buffer = new ArrayBuffer(bytes.length, options);
    new Uint8Array(buffer).set(bytes);
    return buffer;
  }
}

/**
 * Decodes text made by `encodeValue` back into the value.
 *
 * @param text The encoded JSON text.
 * @returns The value, with shared references and cycles restored.
 * @throws {MalformedEncoding} When `text` is not JSON, not this format or version, or breaks its rules.
 *
 * @example
 * ```ts
 * decodeValue(encodeValue(new Set([1n]))); // Set { 1n }
 * ```
 */
export function decodeValue(text: string): unknown {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MalformedEncoding("", `not JSON (${(error as Error).message})`);
  }
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
    return new Decoder().child(document, "value");
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new MalformedEncoding("/value", "the value is nested too deeply to decode");
    }
    throw error;
  }
}
