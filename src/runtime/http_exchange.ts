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
  destroyResponse,
  endRequest,
  httpAgent,
  httpRequest,
  httpsAgent,
  httpsRequest,
  onRequest,
  onResponse,
  PromiseConstructor,
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
}

/** An answer whose headers have arrived; its body is read with `readBody` or dropped with `dropBody`. */
export interface Answer {
  /** The HTTP status. */
  readonly status: number;
  /** The response, its body not yet read. */
  readonly response: IncomingMessage;
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
    const options = {
      method: exchange.method,
      headers: exchange.headers,
      signal: exchange.signal,
      agent: secure ? httpsAgent : httpAgent,
    };
    const request = send(url, options, (response) => resolve({ status: response.statusCode ?? 0, response }));
    onRequest(request, "error", reject);
    const pieces = exchange.body ?? [];
    let next = 0;
    // Each piece is written as the socket drains, so the body is never joined into one copy.
    const pump = () => {
      while (next < pieces.length) {
        if (!writeRequest(request, pieces[next++])) return;
      }
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
      finish();
    };
    const { response } = answer;
    onResponse(response, "data", (bytes: Uint8Array) => {
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
          reject(Object.assign(new Error("the answer broke off"), { code: "ERR_STREAM_PREMATURE_CLOSE" }))
        ),
    );
  });
}

/**
 * Reads a small body whole (an S3 error document), up to `limit` bytes.
 *
 * @param answer The answer.
 * @param limit The most bytes kept.
 * @returns The bytes read.
 */
export async function readSmallBody(answer: Answer, limit: number): Promise<Uint8Array> {
  const out = new Uint8ArrayConstructor(limit);
  let size = 0;
  await readBody(answer, (bytes) => {
    const room = limit - size;
    const take = bytes.length < room ? bytes.length : room;
    for (let i = 0; i < take; i++) out[size + i] = bytes[i];
    size += take;
    return size < limit;
  });
  return out.subarray(0, size);
}

/** Drops an answer's body and its connection. */
export function dropBody(answer: Answer): void {
  destroyResponse(answer.response);
}
