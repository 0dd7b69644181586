/**
 * The globals the runtime relies on, captured when the bundle starts, before any task code is
 * loaded (decision 7). Task code shares the realm with the runtime in a warm environment: a task
 * that replaces `globalThis.fetch`, `JSON.stringify` or a `Response` method must not see or forge
 * what the runtime sends for a later task. So the runtime's own code calls only these constants,
 * never the globals, and methods are captured bound (or uncurried) so that a patched prototype
 * does not reach them either.
 *
 * `handler.ts` imports this module first: esbuild evaluates the bundle's modules in import order,
 * so this top level runs before anything else in `index.mjs`.
 *
 * @module
 */

/** Calls `method` with `self` as `this`; immune to later changes of `Function.prototype.call`. */
// deno-lint-ignore no-explicit-any
function uncurry<Self, Args extends any[], Result>(
  method: (this: Self, ...args: Args) => Result,
): (self: Self, ...args: Args) => Result {
  return Function.prototype.call.bind(method) as unknown as (self: Self, ...args: Args) => Result;
}

function getter<Self, Value>(prototype: object, name: string): (self: Self) => Value {
  return uncurry(Object.getOwnPropertyDescriptor(prototype, name)!.get as (this: Self) => Value);
}

/** `fetch` as the runtime started with it. */
export const fetch: typeof globalThis.fetch = globalThis.fetch;
/** `JSON.stringify`. */
export const stringifyJson: typeof JSON.stringify = JSON.stringify;
/** `setTimeout`. */
export const setTimer: typeof globalThis.setTimeout = globalThis.setTimeout;
/** `Math.random`. */
export const random: () => number = Math.random;
/** `performance.now`, bound to `performance`. */
export const now: () => number = performance.now.bind(performance);
/** The `Promise` constructor. */
export const PromiseConstructor: PromiseConstructor = Promise;
/** The `Uint8Array` constructor. */
export const Uint8ArrayConstructor: Uint8ArrayConstructor = Uint8Array;
/** `Promise.all`, bound. */
export const promiseAll: <T>(values: readonly (T | PromiseLike<T>)[]) => Promise<Awaited<T>[]> = Promise.all
  .bind(Promise);
/** `Uint8Array.prototype.set`, uncurried: copies `source` into `target` at `offset`. */
export const copyBytes: (target: Uint8Array, source: Uint8Array, offset: number) => void = uncurry(
  Uint8Array.prototype.set,
) as (target: Uint8Array, source: Uint8Array, offset: number) => void;
/** The `AbortController` constructor. */
export const AbortControllerConstructor: typeof AbortController = AbortController;
/** `AbortController.prototype.abort`, uncurried. */
export const abortController: (controller: AbortController) => void = uncurry(
  AbortController.prototype.abort,
) as (controller: AbortController) => void;
/** `AbortController.prototype.signal`. */
export const controllerSignal: (controller: AbortController) => AbortSignal = getter(
  AbortController.prototype,
  "signal",
);
/** The `ReadableStream` constructor. */
export const ReadableStreamConstructor: typeof ReadableStream = ReadableStream;
/** `Reflect.ownKeys`. */
export const ownKeys: typeof Reflect.ownKeys = Reflect.ownKeys;
/** `Object.getOwnPropertyDescriptor`. */
export const describeProperty: typeof Object.getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
/** `Object.defineProperty`. */
export const defineProperty: typeof Object.defineProperty = Object.defineProperty;
/** `Reflect.deleteProperty`. */
export const deleteProperty: typeof Reflect.deleteProperty = Reflect.deleteProperty;
/** `Object.is`. */
export const sameValue: typeof Object.is = Object.is;
/** `Set.prototype.has`. */
export const setHas: <T>(set: Set<T>, value: T) => boolean = uncurry(Set.prototype.has) as <T>(
  set: Set<T>,
  value: T,
) => boolean;

/** UTF-8 decoding (replacing malformed bytes) with a `TextDecoder` made now. */
export const decodeUtf8: (bytes: Uint8Array) => string = TextDecoder.prototype.decode.bind(new TextDecoder());

/** `Response.prototype.status`. */
export const responseStatus: (response: Response) => number = getter(Response.prototype, "status");
/** `Response.prototype.body`. */
export const responseBody: (response: Response) => ReadableStream<Uint8Array> | null = getter(
  Response.prototype,
  "body",
);
/** `Response.prototype.arrayBuffer`. */
export const responseBytes: (response: Response) => Promise<ArrayBuffer> = uncurry(
  Response.prototype.arrayBuffer,
);
/** `ReadableStream.prototype.cancel`. */
export const cancelStream: (stream: ReadableStream, reason?: unknown) => Promise<void> = uncurry(
  ReadableStream.prototype.cancel,
);
/** `ReadableStream.prototype.getReader`, for a default reader. */
export const streamReader: (stream: ReadableStream<Uint8Array>) => ReadableStreamDefaultReader<Uint8Array> =
  uncurry(ReadableStream.prototype.getReader) as (
    stream: ReadableStream<Uint8Array>,
  ) => ReadableStreamDefaultReader<Uint8Array>;
/** `ReadableStreamDefaultReader.prototype.cancel`: cancels the stream a reader has locked. */
export const cancelReader: (
  reader: ReadableStreamDefaultReader<Uint8Array>,
  reason?: unknown,
) => Promise<void> = uncurry(ReadableStreamDefaultReader.prototype.cancel) as (
  reader: ReadableStreamDefaultReader<Uint8Array>,
  reason?: unknown,
) => Promise<void>;
/** `ReadableStreamDefaultReader.prototype.read`. */
export const readChunk: (
  reader: ReadableStreamDefaultReader<Uint8Array>,
) => Promise<ReadableStreamReadResult<Uint8Array>> = uncurry(
  ReadableStreamDefaultReader.prototype.read,
) as (reader: ReadableStreamDefaultReader<Uint8Array>) => Promise<ReadableStreamReadResult<Uint8Array>>;
