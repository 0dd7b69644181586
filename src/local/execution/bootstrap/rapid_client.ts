/**
 * The bootstrap's side of the Runtime API: long-polls for events and posts results.
 *
 * Every call opens its own connection (no keep-alive), so no idle socket can hold the event
 * loop open (a callback handler's response waits for the loop to drain) and no request races
 * a server closing an idle connection. A call that cannot reach the API means the executor is
 * gone, so the process exits instead of lingering.
 *
 * @module
 */
import type { BootstrapModules, RapidError } from "./bootstrap_modules.ts";

/** An event as `/invocation/next` delivers it. */
export interface NextInvocation {
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The event's JSON text. */
  readonly body: string;
}

/** The calls the bootstrap makes. */
export interface RapidClient {
  /** Waits for the next event. */
  next(): Promise<NextInvocation>;
  /** Posts a handler's JSON response. */
  postResponse(requestId: string, json: string): Promise<void>;
  /** Posts an invocation error. */
  postError(requestId: string, error: RapidError): Promise<void>;
  /** Posts an initialization error. */
  postInitError(error: RapidError): Promise<void>;
}

/**
 * Builds the client. Self-contained: it runs inside the function's process.
 *
 * @param modules `http` and `process` are used.
 * @param address `host:port` of the Runtime API (`AWS_LAMBDA_RUNTIME_API`).
 * @param flushMarker The line that tells the executor all output up to here has been written.
 * @returns The client.
 */
export function rapidClient(
  modules: Pick<BootstrapModules, "http" | "process">,
  address: string,
  flushMarker: (requestId: string) => string,
): RapidClient {
  const { http, process } = modules;
  const separator = address.lastIndexOf(":");
  const host = address.slice(0, separator).replace(/^\[|\]$/g, "");
  const port = Number(address.slice(separator + 1));
  const base = "/2018-06-01/runtime";

  const concat = (chunks: Uint8Array[]) => {
    const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  };
  type Reply = { status: number; headers: Record<string, string | undefined>; body: string };
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve) => {
      const request = http.request({ host, port, method, path, headers, agent: false }, (response) => {
        const chunks: Uint8Array[] = [];
        response.on("data", (chunk: Uint8Array) => chunks.push(chunk));
        response.on("end", () => {
          const replyHeaders: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            replyHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: replyHeaders,
            body: new TextDecoder().decode(concat(chunks)),
          });
        });
        response.on("error", () => process.exit(70));
      });
      request.on("error", () => process.exit(70));
      request.end(body);
    });
  // Output written before a post must reach the executor before it closes the invocation's log.
  const flush = (requestId: string) =>
    Promise.all(
      [process.stdout, process.stderr].map((stream) =>
        new Promise<void>((resolve) => stream.write(flushMarker(requestId), () => resolve()))
      ),
    );
  const post = async (requestId: string, path: string, body: string, headers: Record<string, string>) => {
    await flush(requestId);
    const reply = await call("POST", path, body, { "content-type": "application/json", ...headers });
    if (reply.status !== 202) {
      process.stderr.write(`Runtime API refused POST ${path} (${reply.status}): ${reply.body}\n`);
    }
  };
  const errorHeaders = (error: RapidError) => ({ "lambda-runtime-function-error-type": error.errorType });
  const encode = encodeURIComponent;

  return {
    async next() {
      const reply = await call("GET", `${base}/invocation/next`);
      if (reply.status !== 200) {
        process.stderr.write(`Runtime API refused the next event (${reply.status}): ${reply.body}\n`);
        process.exit(70);
      }
      return { headers: reply.headers, body: reply.body };
    },
    postResponse: (requestId, json) =>
      post(requestId, `${base}/invocation/${encode(requestId)}/response`, json, {}),
    postError: (requestId, error) =>
      post(
        requestId,
        `${base}/invocation/${encode(requestId)}/error`,
        JSON.stringify(error),
        errorHeaders(error),
      ),
    postInitError: (error) => post("init", `${base}/init/error`, JSON.stringify(error), errorHeaders(error)),
  };
}
