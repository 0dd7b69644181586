/**
 * The request and response shapes every local AWS service handles.
 *
 * They are deliberately not the web `Request`/`Response`: S3 needs the raw, still
 * percent-encoded path (the URL parser would normalize `..` away), bodies must stream from
 * disk without a web-stream copy, and a 204 must be writable with headers but no body.
 *
 * @module
 */

/**
 * An HTTP request as it arrived, before any service looked at it.
 *
 * @example Match on the raw path
 * ```ts
 * import type { LocalRequest } from "@covalent/awslambda/local";
 * const isInvoke = (request: LocalRequest) => request.method === "POST" && request.rawPath.endsWith("/invocations");
 * ```
 */
export interface LocalRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path exactly as sent, still percent-encoded, never normalized. */
  readonly rawPath: string;
  /** The query string as sent, without the leading `?` (empty when there is none). */
  readonly rawQuery: string;
  /** The decoded query parameters. */
  readonly query: URLSearchParams;
  /** Header values by lower-case name; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as it streams in; read it once. */
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * What a service answers.
 *
 * @example Answer with a response of your own
 * ```ts
 * import type { LocalResponse } from "@covalent/awslambda/local";
 * const garbage: LocalResponse = { status: 200, headers: { "content-type": "application/json" }, body: "not json" };
 * ```
 */
export interface LocalResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Absent for an empty body; an async iterable streams (for example from a file). */
  readonly body?: Uint8Array | string | AsyncIterable<Uint8Array>;
}

/** Builds a request from parts, for tests and in-process callers that have no socket. */
export function makeLocalRequest(parts: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}): LocalRequest {
  const queryStart = parts.url.indexOf("?");
  const rawPath = queryStart < 0 ? parts.url : parts.url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? "" : parts.url.slice(queryStart + 1);
  const bytes = typeof parts.body === "string" ? new TextEncoder().encode(parts.body) : parts.body;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    method: parts.method.toUpperCase(),
    rawPath,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body: (async function* () {
      if (bytes && bytes.length > 0) yield bytes;
    })(),
  };
}
