/**
 * One HTTP exchange with a presigned S3 URL over `node:http` / `node:https`, for the runtime's
 * transfers. Not `fetch`: for a 100 MB body Node's `fetch` spends about one and a half times the
 * CPU of `node:http` on its web streams, and a Lambda function below 1,769 MB has only a fraction
 * of a vCPU to spend. Only captured functions and methods are used (`captured_globals.ts`), so a
 * task that replaces `http.request` or a stream method on its module object or prototype does not
 * reach a later task's exchange through them.
 *
 * @module
 */
import type { IncomingMessage } from "node:http";
import {
  assign,
  clearTimer,
  copyBytes,
  destroyRequest,
  destroyResponse,
  endRequest,
  ErrorConstructor,
  httpAgent,
  httpRequest,
  httpsAgent,
  httpsRequest,
  onRequest,
  onResponse,
  PromiseConstructor,
  setTimer,
  Uint8ArrayConstructor,
  writeRequest,
} from "./captured_globals.ts";

/** What to send. */
export interface Exchange {
  /** `GET` or `PUT`. */
  readonly method: "GET" | "PUT";
  /** Request headers (for a PUT, `content-length` among them). */
  readonly headers: Readonly<Record<string, string>>;
  /** For a PUT: the body, in order, written as the connection takes it. */
  readonly body?: readonly Uint8Array[];
  /** Ends the exchange (request and response) when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Longest wait for the next byte either way before the exchange fails with `ETIMEDOUT`.
   * @default {IDLE_TIMEOUT_MS}
   */
  readonly idleTimeoutMs?: number;
}

/**
 * How long a connection may carry nothing before it is given up (and the transfer retried): S3
 * answers a PUT once it has the body, and keeps a GET's bytes flowing; a silent minute means the
 * connection is gone, not that S3 is busy.
 */
export const IDLE_TIMEOUT_MS = 60_000;

/** An answer whose headers have arrived; its body is read with `readBody` or dropped with `dropBody`. */
export interface Answer {
  /** The HTTP status. */
  readonly status: number;
  /** The response, its body not yet read. */
  readonly response: IncomingMessage;
  /** Restarts the idle clock (a byte arrived); `false` stops it (the exchange is over). */
  readonly alive: (stillGoing: boolean) => void;
  /** Told when the idle clock runs out while the body is read (set by `readBody`). */
  onIdle?: (error: Error) => void;
}

/**
 * Sends a request and resolves once the answer's headers arrive.
 *
 * @param url The presigned URL (`http:` or `https:`).
 * @param exchange What to send.
 * @returns The answer.
 * @throws The connection's error (with its `code`, e.g. `ECONNRESET`), or an `AbortError`.
 */
export function exchange(url: string, exchange: Exchange): Promise<Answer> {
  return new PromiseConstructor((resolve, reject) => {
    const secure = url.startsWith("https:");
    const send = secure ? httpsRequest : httpRequest;
    const idleTimeoutMs = exchange.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
    const options = {
      method: exchange.method,
      headers: exchange.headers,
      signal: exchange.signal,
      agent: secure ? httpsAgent : httpAgent,
    };
    // An idle clock of the runtime's own (a socket timeout is not honoured by every runtime's
    // node:http): destroying the request ends its response too, with this error.
    let timer: ReturnType<typeof setTimer> | undefined;
    const alive = (stillGoing: boolean) => {
      clearTimer(timer);
      timer = stillGoing ? setTimer(giveUp, idleTimeoutMs) : undefined;
    };
    let answer: Answer | undefined;
    // Said here, not left to the request's error event: Deno's node:http does not always emit it
    // for a request destroyed on a reused connection.
    const giveUp = () => {
      const idle = assign(new ErrorConstructor(`nothing was sent or received for ${idleTimeoutMs} ms`), {
        code: "ETIMEDOUT",
      });
      if (answer === undefined) reject(idle);
      else answer.onIdle?.(idle);
      destroyRequest(request, idle);
    };
    const request = send(url, options, (response) => {
      alive(true);
      answer = { status: response.statusCode ?? 0, response, alive };
      resolve(answer);
    });
    onRequest(request, "error", (error: unknown) => {
      alive(false);
      reject(error);
    });
    alive(true);
    const pieces = exchange.body ?? [];
    let next = 0;
    let ended = false;
    // Each piece is written as the socket drains, so the body is never joined into one copy.
    const pump = () => {
      alive(true);
      while (next < pieces.length) {
        if (!writeRequest(request, pieces[next++])) return;
      }
      if (ended) return;
      ended = true;
      endRequest(request);
    };
    if (pieces.length > 0) onRequest(request, "drain", pump);
    pump();
  });
}

/**
 * Reads an answer's body, handing each chunk to `chunk` as it arrives.
 *
 * @param answer The answer.
 * @param chunk Takes each chunk; returning `false` stops the read (the connection is dropped).
 * @returns `true` once the body ended, `false` when `chunk` stopped it.
 * @throws The connection's error when the body breaks off (`ERR_STREAM_PREMATURE_CLOSE` if none).
 */
export function readBody(answer: Answer, chunk: (bytes: Uint8Array) => boolean): Promise<boolean> {
  return new PromiseConstructor((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      answer.alive(false);
      finish();
    };
    const { response } = answer;
    answer.onIdle = (error) => settle(() => reject(error));
    onResponse(response, "data", (bytes: Uint8Array) => {
      answer.alive(true);
      if (settled || chunk(bytes)) return;
      settle(() => resolve(false));
      destroyResponse(response);
    });
    onResponse(response, "end", () => settle(() => resolve(true)));
    onResponse(response, "error", (error: unknown) => settle(() => reject(error)));
    onResponse(
      response,
      "close",
      () =>
        settle(() =>
          reject(assign(new ErrorConstructor("the answer broke off"), { code: "ERR_STREAM_PREMATURE_CLOSE" }))
        ),
    );
  });
}

/**
 * Reads a body whole into one array, keeping at most `limit` bytes (an S3 error document needs
 * only its start).
 *
 * @param answer The answer.
 * @param limit The most bytes kept; the read stops past it.
 * @returns The bytes kept.
 */
export async function readWhole(answer: Answer, limit = Infinity): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  await readBody(answer, (bytes) => {
    chunks[chunks.length] = bytes;
    size += bytes.byteLength;
    return size < limit;
  });
  const out = new Uint8ArrayConstructor(size < limit ? size : limit);
  let offset = 0;
  for (let i = 0; i < chunks.length && offset < out.length; i++) {
    const piece = chunks[i];
    if (offset + piece.length <= out.length) copyBytes(out, piece, offset);
    else for (let j = 0; offset + j < out.length; j++) out[offset + j] = piece[j];
    offset += piece.length;
  }
  return out;
}

/** Drops an answer's body and its connection. */
export function dropBody(answer: Answer): void {
  answer.alive(false);
  destroyResponse(answer.response);
}
