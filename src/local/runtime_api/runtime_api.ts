/**
 * The Lambda Runtime API of one execution environment, as a `LocalRequest → LocalResponse`
 * handler: `/invocation/next` long-polls for the event the executor delivers, `/response` and
 * `/error` answer it, `/init/error` reports a failed initialization. Status codes and error
 * bodies follow AWS's runtime interface emulator, so AWS's own runtime clients work against it.
 *
 * @module
 */
import { BodyTooLarge, readBody } from "../http/body.ts";
import type { LocalRequest, LocalResponse } from "../http/exchange.ts";
import {
  MAX_RESPONSE_BYTES,
  type RuntimeAnswer,
  type RuntimeApiEvents,
  type RuntimeInvocation,
} from "./runtime_invocation.ts";

/** One environment's Runtime API. */
export interface RuntimeApi {
  /** Serves one Runtime API request. */
  handle(request: LocalRequest): Promise<LocalResponse>;
  /** Hands an invocation to the runtime's pending (or next) `/invocation/next`. */
  deliver(invocation: RuntimeInvocation): void;
  /** Answers a parked `/invocation/next` so its connection can close. */
  close(): void;
}

const PREFIX = "/2018-06-01/runtime/";
const json = (status: number, body: unknown): LocalResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const accepted = () => json(202, { status: "OK" });
const failure = (status: number, errorType: string, errorMessage: string) =>
  json(status, { errorMessage, errorType });
const invalidRequestId = () => failure(400, "InvalidRequestID", "Invalid request ID");
const invalidTransition = (from: string, to: string) =>
  failure(
    403,
    "InvalidStateTransition",
    `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
  );

/**
 * Creates the Runtime API of one environment.
 *
 * @param events Where it reports what the runtime does.
 * @returns The API.
 */
export function createRuntimeApi(events: RuntimeApiEvents): RuntimeApi {
  let initialized = false;
  let queued: RuntimeInvocation | undefined;
  let parked: ((invocation: RuntimeInvocation | undefined) => void) | undefined;
  let current: { requestId: string; answered: boolean } | undefined;
  let closed = false;

  const handOver = (invocation: RuntimeInvocation): LocalResponse => {
    const deadlineMs = Date.now() + invocation.timeoutMs;
    current = { requestId: invocation.requestId, answered: false };
    events.delivered(invocation.requestId, deadlineMs);
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "Lambda-Runtime-Aws-Request-Id": invocation.requestId,
      "Lambda-Runtime-Deadline-Ms": String(deadlineMs),
      "Lambda-Runtime-Invoked-Function-Arn": invocation.invokedFunctionArn,
      "Lambda-Runtime-Trace-Id": invocation.traceId,
    };
    if (invocation.clientContext) {
      headers["Lambda-Runtime-Client-Context"] = headerSafeJson(invocation.clientContext);
    }
    if (invocation.cognitoIdentity) {
      headers["Lambda-Runtime-Cognito-Identity"] = headerSafeJson(invocation.cognitoIdentity);
    }
    return { status: 200, headers, body: invocation.payload };
  };

  const next = async (): Promise<LocalResponse> => {
    if (!initialized) {
      initialized = true;
      events.ready();
    }
    if (current && !current.answered) return invalidTransition("RuntimeInvokeState", "RuntimeReadyState");
    if (queued) {
      const invocation = queued;
      queued = undefined;
      return handOver(invocation);
    }
    if (closed) return failure(410, "EnvironmentClosed", "The execution environment is shutting down");
    // One long poll at a time: a newer one replaces an abandoned one.
    parked?.(undefined);
    const invocation = await new Promise<RuntimeInvocation | undefined>((resolve) => parked = resolve);
    if (!invocation) return failure(410, "EnvironmentClosed", "The execution environment is shutting down");
    return handOver(invocation);
  };

  const answer = async (request: LocalRequest, requestId: string, kind: "response" | "error") => {
    if (!current || current.requestId !== requestId) return invalidRequestId();
    if (current.answered) {
      return invalidTransition(
        "RuntimeResponseSentState",
        kind === "response" ? "RuntimeInvocationResponseState" : "RuntimeInvocationErrorResponseState",
      );
    }
    let body: Uint8Array;
    try {
      body = await readBody(request.body, MAX_RESPONSE_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) {
        return failure(400, "TruncatedHTTPRequest", "HTTP request detected as truncated");
      }
      current.answered = true;
      events.answered(requestId, oversizedResponse());
      return failure(
        413,
        "RequestEntityTooLarge",
        `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      );
    }
    current.answered = true;
    const result: RuntimeAnswer = kind === "response" ? { outcome: "success", payload: body } : {
      outcome: "error",
      payload: errorPayload(body, request.headers["lambda-runtime-function-error-type"]),
    };
    events.answered(requestId, result);
    return accepted();
  };

  const initError = async (request: LocalRequest) => {
    if (initialized) return invalidTransition("RuntimeReadyState", "RuntimeInitErrorState");
    const body = await readBody(request.body, MAX_RESPONSE_BYTES).catch(() => new Uint8Array());
    initialized = true;
    events.initFailed(errorPayload(body, request.headers["lambda-runtime-function-error-type"]));
    return accepted();
  };

  return {
    async handle(request) {
      if (!request.rawPath.startsWith(PREFIX)) return notFound();
      const path = request.rawPath.slice(PREFIX.length);
      if (path === "invocation/next") return request.method === "GET" ? await next() : notAllowed();
      if (path === "init/error") return request.method === "POST" ? await initError(request) : notAllowed();
      const match = /^invocation\/([^/]+)\/(response|error)$/.exec(path);
      if (match) {
        if (request.method !== "POST") return notAllowed();
        let requestId: string;
        try {
          requestId = decodeURIComponent(match[1]);
        } catch {
          return invalidRequestId();
        }
        return await answer(request, requestId, match[2] as "response" | "error");
      }
      return notFound();
    },
    deliver(invocation) {
      if (parked) {
        const resolve = parked;
        parked = undefined;
        resolve(invocation);
      } else queued = invocation;
    },
    close() {
      closed = true;
      parked?.(undefined);
      parked = undefined;
    },
  };
}

function notFound(): LocalResponse {
  return {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: "404 page not found\n",
  };
}

function notAllowed(): LocalResponse {
  return { status: 405, headers: { "content-type": "text/plain; charset=utf-8" } };
}

function oversizedResponse(): RuntimeAnswer {
  const body = {
    errorMessage:
      `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    errorType: "Function.ResponseSizeTooLarge",
  };
  return { outcome: "error", payload: new TextEncoder().encode(JSON.stringify(body)) };
}

// A header carries only ASCII without line breaks: JSON is re-serialized compactly and any
// other character written as a \u escape, which keeps the same JSON value.
function headerSafeJson(text: string): string {
  let compact = text;
  try {
    compact = JSON.stringify(JSON.parse(text));
  } catch {
    compact = text.replace(/[\r\n]+/g, " ");
  }
  return compact.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// The error JSON is passed on as the runtime wrote it; anything else is wrapped in AWS's shape.
function errorPayload(body: Uint8Array, headerType: string | undefined): Uint8Array {
  const text = new TextDecoder().decode(body);
  try {
    const parsed = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return body;
  } catch {
    // not JSON: wrapped below
  }
  const wrapped = { errorType: headerType || "Runtime.Unknown", errorMessage: text };
  return new TextEncoder().encode(JSON.stringify(wrapped));
}
