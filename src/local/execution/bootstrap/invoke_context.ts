/**
 * The `context` object and `callback` a handler receives, with AWS's completion rules: the
 * first of `callback`, `context.succeed`, `context.fail`, `context.done` or the returned
 * promise counts; `callback(null, result)` waits for the event loop to drain unless
 * `context.callbackWaitsForEmptyEventLoop` is false.
 *
 * @module
 */
import type { BootstrapModules } from "./bootstrap_modules.ts";

/** Where an invocation's result goes. */
export interface InvocationSink {
  /** Posts a response now. */
  succeed(result: unknown): void;
  /** Posts an error now. */
  fail(error: unknown): void;
  /** Runs `listener` the next time the event loop drains (replacing any earlier one). */
  whenDrained(listener: (() => void) | undefined): void;
}

/** What the handler is called with, plus the hook for a returned promise. */
export interface InvocationControl {
  /** The handler's second argument. */
  readonly context: Record<string, unknown>;
  /** The handler's third argument. */
  readonly callback: (error?: unknown, result?: unknown) => void;
}

/**
 * Builds the context and callback of one invocation. Self-contained: it runs inside the
 * function's process.
 *
 * @param modules `process` is used (for the environment and `setImmediate`-like scheduling).
 * @param headers The `/invocation/next` response headers.
 * @param sink Where results go.
 * @param legacy Node 22 and earlier: the context has `succeed`, `fail`, `done` and
 *   `callbackWaitsForEmptyEventLoop`. AWS's Node 24 runtime dropped them with callback
 *   handlers (S: RIC 4.x `src/context/context-builder.ts`, which builds none of them).
 * @returns The context and callback.
 * @throws Error "Cannot parse ClientContext as json: …" when the client context is not JSON.
 */
export function invokeContext(
  modules: Pick<BootstrapModules, "process">,
  headers: Readonly<Record<string, string | undefined>>,
  sink: InvocationSink,
  legacy: boolean = true,
): InvocationControl {
  const { process } = modules;
  const parseJson = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`Cannot parse ${name} as json: ${String(error)}`);
    }
  };
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  let waitsForEmptyEventLoop = true;
  let settled = false;
  const once = <A extends unknown[]>(action: (...args: A) => void) => (...args: A) => {
    if (settled) return;
    settled = true;
    action(...args);
  };

  const succeed = once((result?: unknown) => sink.succeed(result));
  const fail = once((error?: unknown) => sink.fail(error ?? "handled"));
  const done = once((error?: unknown, result?: unknown) =>
    error === undefined || error === null ? sink.succeed(result) : sink.fail(error)
  );
  const callback = once((error?: unknown, result?: unknown) => {
    sink.whenDrained(undefined);
    if (error !== undefined && error !== null) return sink.fail(error);
    if (!waitsForEmptyEventLoop) return sink.succeed(result);
    sink.whenDrained(() => {
      sink.whenDrained(undefined);
      process.nextTick(() => sink.succeed(result));
    });
  });

  const completion: Record<string, unknown> = {
    get callbackWaitsForEmptyEventLoop() {
      return waitsForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitsForEmptyEventLoop = value;
    },
    succeed,
    fail,
    done,
  };
  const context: Record<string, unknown> = {
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJson(headers["lambda-runtime-client-context"], "ClientContext"),
    identity: parseJson(headers["lambda-runtime-cognito-identity"], "CognitoIdentity"),
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    awsRequestId: headers["lambda-runtime-aws-request-id"],
    tenantId: headers["lambda-runtime-aws-tenant-id"],
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  if (legacy) Object.defineProperties(context, Object.getOwnPropertyDescriptors(completion));
  return { context, callback };
}
