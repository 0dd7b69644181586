/**
 * What passes between the executor and a function's Runtime API.
 *
 * @module
 */

/** An event waiting to be handed to the runtime by `/invocation/next`. */
export interface RuntimeInvocation {
  /** `Lambda-Runtime-Aws-Request-Id`. */
  readonly requestId: string;
  /** The event's JSON bytes (the `/next` response body). */
  readonly payload: Uint8Array;
  /** `Lambda-Runtime-Invoked-Function-Arn`. */
  readonly invokedFunctionArn: string;
  /** `Lambda-Runtime-Trace-Id`. */
  readonly traceId: string;
  /** `Lambda-Runtime-Client-Context` (decoded JSON text), when the caller sent one. */
  readonly clientContext?: string;
  /** `Lambda-Runtime-Cognito-Identity` (JSON text), when there is one. */
  readonly cognitoIdentity?: string;
  /** The function's timeout; the deadline is this long after the runtime receives the event. */
  readonly timeoutMs: number;
}

/** How the runtime answered an invocation. */
export interface RuntimeAnswer {
  /** `success` for `/response`, `error` for `/error` (and for an oversized response). */
  readonly outcome: "success" | "error";
  /** The response bytes, or the error JSON. */
  readonly payload: Uint8Array;
}

/** What the Runtime API tells its owner. Called synchronously; they must not throw. */
export interface RuntimeApiEvents {
  /** The runtime asked for its first event: its initialization is over. */
  ready(): void;
  /** The runtime received the invocation; `deadlineMs` is the epoch time it must finish by. */
  delivered(requestId: string, deadlineMs: number): void;
  /** The runtime answered the invocation. */
  answered(requestId: string, answer: RuntimeAnswer): void;
  /** The runtime reported that it could not initialize (`/init/error`); the payload is error JSON. */
  initFailed(payload: Uint8Array): void;
}

/** The largest response a runtime may post (6 MiB + 100 bytes, as AWS). */
export const MAX_RESPONSE_BYTES = 6_291_556;
