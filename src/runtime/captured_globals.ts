/**
 * The globals the runtime relies on, captured when the bundle starts, before any task code is
 * loaded (decision 7). Task code shares the realm with the runtime in a warm environment: a task
 * that replaces `JSON.stringify`, `http.request` or a stream method must not see or forge what
 * the runtime sends for a later task. So the runtime's own code calls only these constants,
 * never the globals, and methods are captured bound (or uncurried) so that a patched prototype
 * does not reach them either.
 *
 * `handler.ts` imports this module first: esbuild evaluates the bundle's modules in import order,
 * so this top level runs before anything else in `index.mjs`.
 *
 * @module
 */

import { EventEmitter } from "node:events";
import * as http from "node:http";
import * as https from "node:https";
import { Readable } from "node:stream";

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

/** `JSON.stringify`. */
export const stringifyJson: typeof JSON.stringify = JSON.stringify;
/** `setTimeout`. */
export const setTimer: typeof globalThis.setTimeout = globalThis.setTimeout;
/** `clearTimeout`. */
export const clearTimer: typeof globalThis.clearTimeout = globalThis.clearTimeout;
/** The `Error` constructor. */
export const ErrorConstructor: ErrorConstructor = Error;
/** `Object.assign`. */
export const assign: typeof Object.assign = Object.assign;
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

/** `http.request`, as the module had it. */
export const httpRequest: typeof http.request = http.request;
/** `https.request`, as the module had it. */
export const httpsRequest: typeof https.request = https.request;
/**
 * The runtime's own connection pools, passed with every request: `http.globalAgent` is a module
 * property a task could replace with one that sees the next task's URLs.
 */
export const httpAgent: http.Agent = new http.Agent({ keepAlive: true });
/** The pool for `https:` URLs (see `httpAgent`). */
export const httpsAgent: https.Agent = new https.Agent({ keepAlive: true });
/** `EventEmitter.prototype.on`, for a request. */
export const onRequest: (
  request: http.ClientRequest,
  event: string,
  // deno-lint-ignore no-explicit-any
  listener: (...args: any[]) => void,
) => unknown = uncurry(EventEmitter.prototype.on) as never;
/** `ClientRequest.prototype.write`: false when the caller should wait for `drain`. */
export const writeRequest: (request: http.ClientRequest, chunk: Uint8Array) => boolean = uncurry(
  http.ClientRequest.prototype.write,
) as never;
/** `ClientRequest.prototype.destroy`: ends the exchange with `error`. */
export const destroyRequest: (request: http.ClientRequest, error: Error) => unknown = uncurry(
  http.ClientRequest.prototype.destroy,
) as never;
/** `ClientRequest.prototype.end`. */
export const endRequest: (request: http.ClientRequest) => unknown = uncurry(
  http.ClientRequest.prototype.end,
) as never;
/** `Readable.prototype.on`, for a response (a `data` listener starts the flow). */
export const onResponse: (
  response: http.IncomingMessage,
  event: string,
  // deno-lint-ignore no-explicit-any
  listener: (...args: any[]) => void,
) => unknown = uncurry(Readable.prototype.on) as never;
/** `IncomingMessage.prototype.destroy`: drops the body and its connection. */
export const destroyResponse: (response: http.IncomingMessage) => unknown = uncurry(
  http.IncomingMessage.prototype.destroy,
) as never;
