/**
 * Encoding the built-in objects that carry bytes or errors (see `value_codec.ts` for the format).
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import type { Fields } from "./buffer_sink.ts";
import { ERROR_FIELDS } from "./value_format.ts";
import { mapValueStep, type PathStep } from "./value_path.ts";

/** An output object or array the encoder writes a node into, under a key. */
export type Holder = Record<string | number, unknown>;
/** A tagged node of the format. */
export type Node = Record<string, unknown>;

/** What the builders need from the encoder. */
export interface NodeWriter {
  /** Throws `UnencodableValue` at the current path; `limit` marks a refusal for size. */
  refuse(reason: string, limit?: number): never;
  /** The fields of an ArrayBuffer node carrying `bytes` (see `BufferSink.contents`). */
  contents(bytes: Uint8Array, viewsOnly: boolean): Fields;
  /** Encodes `buffer` into `node.buffer`, as the buffer of the view `node` stands for. */
  viewBuffer(node: Node, buffer: ArrayBuffer): void;
  /** Puts the tagged node of `value` at `holder[key]`, recording it for later references. */
  tagged(value: object, holder: Holder, key: string | number, node: Node): void;
  /** Encodes `value` into `holder[key]`; `step` names it in paths. */
  child(holder: Holder, key: string | number, value: unknown, step: PathStep): void;
  /** Encodes the given own properties of `value` into `props`. */
  fillProps(props: Holder, value: object, keys: readonly string[]): void;
}

function bytesOf(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array {
  return new Uint8Array(buffer, offset, length);
}

/**
 * Encodes an ArrayBuffer's bytes (and its maximum size when resizable); `viewsOnly` when it is met
 * first as the buffer of a view.
 */
export function encodeArrayBuffer(
  writer: NodeWriter,
  holder: Holder,
  key: string | number,
  buffer: ArrayBuffer,
  viewsOnly: boolean,
): void {
  const resizable = buffer as ArrayBuffer & {
    detached?: boolean;
    resizable?: boolean;
    maxByteLength?: number;
  };
  if (resizable.detached === true) writer.refuse("a detached ArrayBuffer has no contents left to send");
  const isResizable = resizable.resizable === true;
  // A resizable buffer must come back as one of its own, never as a window on the received bytes.
  const contents = writer.contents(bytesOf(buffer, 0, buffer.byteLength), viewsOnly && !isResizable);
  const node: Node = { $: "ArrayBuffer", ...contents };
  if (isResizable) node.maxByteLength = resizable.maxByteLength;
  writer.tagged(buffer, holder, key, node);
}

/** Encodes a typed array or DataView: its type, place in its buffer, and the buffer (shared or not). */
export function encodeView(
  writer: NodeWriter,
  holder: Holder,
  key: string | number,
  view: ArrayBufferView,
  kind: "DataView" | { readonly name: string; readonly exact: boolean },
): void {
  const buffer = view.buffer as ArrayBuffer & { detached?: boolean };
  if (buffer.detached === true) {
    writer.refuse("a view of a detached ArrayBuffer has no contents left to send");
  }
  if (typeof kind === "object" && !kind.exact) {
    // A subclass such as Node's Buffer may sit in a shared pool holding unrelated data: send only its
    // bytes, as a buffer of their own that nothing else can reach.
    const own = writer.contents(bytesOf(buffer, view.byteOffset, view.byteLength), true);
    const length = (view as unknown as { length: number }).length;
    const node = { $: kind.name, buffer: { $: "ArrayBuffer", ...own }, byteOffset: 0, length };
    writer.tagged(view, holder, key, node);
    return;
  }
  const node: Node = kind === "DataView"
    ? { $: "DataView", buffer: null, byteOffset: view.byteOffset, byteLength: view.byteLength }
    : { $: kind.name, buffer: null, byteOffset: view.byteOffset, length: (view as Uint8Array).length };
  writer.tagged(view, holder, key, node);
  writer.viewBuffer(node, buffer);
}

/** Encodes an Error: name, message, stack, cause, errors and own enumerable properties. */
export function encodeError(writer: NodeWriter, holder: Holder, key: string | number, error: Error): void {
  const name = typeof error.name === "string" ? error.name : "Error";
  const node: Node = { $: "Error", name };
  if (Object.hasOwn(error, "message")) node.message = String(error.message);
  if (typeof error.stack === "string") node.stack = error.stack;
  writer.tagged(error, holder, key, node);
  if (Object.hasOwn(error, "cause")) writer.child(node, "cause", error.cause, "cause");
  if (Object.hasOwn(error, "errors")) {
    writer.child(node, "errors", (error as AggregateError).errors, "errors");
  }
  const extra = Object.keys(error).filter((name) => !ERROR_FIELDS.has(name));
  if (extra.length > 0) {
    const props: Holder = {};
    node.props = props;
    writer.fillProps(props, error, extra);
  }
}

/** Encodes a Map's entries, keys and values alike, in order. */
export function encodeMap(
  writer: NodeWriter,
  holder: Holder,
  key: string | number,
  map: Map<unknown, unknown>,
): void {
  const entries: unknown[][] = [];
  writer.tagged(map, holder, key, { $: "Map", entries });
  let index = 0;
  for (const [entryKey, entryValue] of Map.prototype.entries.call(map)) {
    const pair: unknown[] = [null, null];
    entries.push(pair);
    writer.child(pair as unknown as Holder, 0, entryKey, { text: `<Map key #${index}>` });
    writer.child(pair as unknown as Holder, 1, entryValue, mapValueStep(entryKey, index));
    index++;
  }
}

/** Encodes a Set's members in order. */
export function encodeSet(writer: NodeWriter, holder: Holder, key: string | number, set: Set<unknown>): void {
  const values: unknown[] = [];
  writer.tagged(set, holder, key, { $: "Set", values });
  let index = 0;
  for (const member of Set.prototype.values.call(set)) {
    writer.child(values as unknown as Holder, index, member, { text: `<Set member #${index}>` });
    index++;
  }
}
