/**
 * Rebuilding errors and buffer views while decoding the value format (see `value_codec.ts`).
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { InPlaceBytes } from "./decode_buffers.ts";
import { STANDARD_ERROR_NAMES } from "./value_format.ts";

/** A tagged node of the encoded document, as `JSON.parse` gave it. */
export type Node = Record<string, unknown>;

/** What the builders need from the decoder: field checks, child decoding, ids and failure. */
export interface NodeReader {
  /** Throws `MalformedEncoding` at the current position. */
  fail(problem: string): never;
  /** Reads a field, failing unless it has the given type. */
  field(node: Node, name: string, type: "string" | "number" | "integer" | "array" | "object"): unknown;
  /** Decodes `node[key]`. */
  child(node: object, key: string | number): unknown;
  /** Decodes `node.buffer`, the buffer of a view: an ArrayBuffer, or a blob left in place. */
  viewBuffer(node: Node): unknown;
  /** Records `value` under the node's id, if it has one. */
  register<T>(node: Node, value: T): T;
}

type ErrorConstructor = new (message?: string) => Error;

const hidden = { writable: true, enumerable: false, configurable: true } as const;

function errorConstructor(name: string): ErrorConstructor {
  if (!STANDARD_ERROR_NAMES.includes(name)) return Error;
  if (name === "AggregateError") {
    return function (message?: string) {
      return new AggregateError([], message);
    } as unknown as ErrorConstructor;
  }
  return (globalThis as unknown as Record<string, ErrorConstructor>)[name];
}

/**
 * Rebuilds an Error: a standard name gets its own constructor, any other name an `Error` with
 * that `name`; message, stack, cause, errors and extra properties are restored as they were.
 */
export function buildError(node: Node, reader: NodeReader): Error {
  const name = reader.field(node, "name", "string") as string;
  const message = node.message === undefined ? undefined : reader.field(node, "message", "string") as string;
  const error = new (errorConstructor(name))(message);
  if (error.name !== name) Object.defineProperty(error, "name", { ...hidden, value: name });
  if (node.stack === undefined) delete error.stack;
  else Object.defineProperty(error, "stack", { ...hidden, value: reader.field(node, "stack", "string") });
  reader.register(node, error);
  if (Object.hasOwn(node, "cause")) {
    Object.defineProperty(error, "cause", { ...hidden, value: reader.child(node, "cause") });
  }
  if (Object.hasOwn(node, "errors")) {
    Object.defineProperty(error, "errors", { ...hidden, value: reader.child(node, "errors") });
  }
  if (node.props !== undefined) {
    const props = reader.field(node, "props", "object") as Node;
    for (const key of Object.keys(props)) {
      const value = reader.child(props, key);
      Object.defineProperty(error, key, { value, writable: true, enumerable: true, configurable: true });
    }
  }
  return error;
}

type ViewConstructor = (new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView) & {
  readonly BYTES_PER_ELEMENT?: number;
};

/**
 * Rebuilds a typed array or DataView over its (possibly shared) decoded ArrayBuffer, or over the
 * received bytes themselves when its buffer is a blob left in place.
 */
export function buildView(node: Node, tag: string, reader: NodeReader): ArrayBufferView {
  const constructor = (globalThis as unknown as Record<string, ViewConstructor | undefined>)[tag];
  if (constructor === undefined) reader.fail(`${tag} is not available in this JavaScript runtime`);
  const buffer = reader.viewBuffer(node);
  const inPlace = buffer instanceof InPlaceBytes;
  if (!inPlace && !(buffer instanceof ArrayBuffer)) {
    reader.fail(`the buffer of a ${tag} node must be an ArrayBuffer`);
  }
  const byteOffset = reader.field(node, "byteOffset", "integer") as number;
  const length = reader.field(node, tag === "DataView" ? "byteLength" : "length", "integer") as number;
  let view: ArrayBufferView;
  try {
    if (inPlace) {
      // The received buffer goes on past the blob: the engine cannot tell a view overrunning it.
      const { bytes } = buffer;
      if (byteOffset + length * (constructor.BYTES_PER_ELEMENT ?? 1) > bytes.byteLength) {
        throw new RangeError(`it ends past the ${bytes.byteLength} bytes of its blob`);
      }
      view = new constructor(bytes.buffer as ArrayBuffer, bytes.byteOffset + byteOffset, length);
    } else view = new constructor(buffer as ArrayBuffer, byteOffset, length);
  } catch (error) {
    return reader.fail(`the ${tag} does not fit its buffer: ${(error as Error).message}`);
  }
  return reader.register(node, view);
}
