/**
 * Serves a `LocalRequest → LocalResponse` handler on a `node:http` server (works under Node
 * and Deno alike).
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { LocalRequest, LocalResponse } from "./exchange.ts";

/** A handler of requests; it must not throw (it answers errors as responses). */
export type LocalHandler = (request: LocalRequest) => Promise<LocalResponse>;

/** A running listener. */
export interface Listener {
  /** The port it is bound to (useful with port 0). */
  readonly port: number;
  /** The host it is bound to. */
  readonly host: string;
  /** Stops accepting, ends open connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Starts a listener on `host:port` (port 0 picks a free port). */
export function listen(handler: LocalHandler, host: string, port: number): Promise<Listener> {
  const sockets = new Set<Socket>();
  const server: Server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    void serve(handler, req, res, false);
  });
  // `Expect: 100-continue` (the JS SDK above ~2 MB, botocore on every PutObject): "100 Continue"
  // goes out only when the handler starts reading the body, so a request refused from its
  // headers (a forged signature, a missing bucket) never has its body sent at all, as on S3
  // (S: RFC 9110 §10.1.1; smithy's node-http-handler skips the body when the final response
  // comes first).
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    void serve(handler, req, res, true);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({
        port: address.port,
        host,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

/** The request's body; with a pending `100-continue`, the first read sends the "100 Continue". */
function bodyOf(
  req: IncomingMessage,
  res: ServerResponse,
  state: { continued: boolean },
): AsyncIterable<Uint8Array> {
  if (state.continued) return req;
  return (async function* () {
    state.continued = true;
    res.writeContinue();
    yield* req;
  })();
}

function toLocalRequest(req: IncomingMessage, body: AsyncIterable<Uint8Array>): LocalRequest {
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? "" : url.slice(queryStart + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    rawPath,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body,
  };
}

async function serve(
  handler: LocalHandler,
  req: IncomingMessage,
  res: ServerResponse,
  continuePending: boolean,
): Promise<void> {
  let response: LocalResponse;
  const state = { continued: !continuePending };
  try {
    response = await handler(toLocalRequest(req, bodyOf(req, res, state)));
  } catch (error) {
    response = { status: 500, body: `internal error: ${error instanceof Error ? error.stack : error}` };
  }
  // The client still holds a body it was never asked for: the connection cannot carry another
  // request, so say it closes.
  if (!state.continued && !res.headersSent) res.setHeader("connection", "close");
  try {
    await writeResponse(req, res, response);
  } catch {
    res.destroy();
  }
  // A handler that answered before reading the body leaves bytes on the socket; drop them.
  if (!req.complete && state.continued) req.resume();
}

async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: LocalResponse,
): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  const body = response.body;
  const bodyless = req.method === "HEAD" || response.status === 204 || response.status === 304;
  if (body === undefined || bodyless) {
    if (body !== undefined && typeof body === "object" && Symbol.asyncIterator in body) {
      await closeIterable(body);
    }
    if (!res.hasHeader("content-length") && !bodyless) res.setHeader("content-length", "0");
    res.end();
    return;
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    if (!res.hasHeader("content-length")) res.setHeader("content-length", String(bytes.length));
    res.end(bytes);
    return;
  }
  for await (const chunk of body) {
    if (res.destroyed) break; // the client went away; leaving the loop closes the source
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function closeIterable(body: AsyncIterable<Uint8Array>): Promise<void> {
  const iterator = body[Symbol.asyncIterator]();
  await iterator.return?.();
}
