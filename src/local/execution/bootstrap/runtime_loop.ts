/**
 * The bootstrap's main program: patch the console, load the handler (reporting failures to
 * `/init/error`), then serve events one at a time until the process is ended.
 *
 * @module
 */
import type { BootstrapModules, LambdaHandler } from "./bootstrap_modules.ts";
import type { patchConsole } from "./console_patch.ts";
import type { ErrorFormatting } from "./error_formatting.ts";
import type { loadHandler } from "./handler_loader.ts";
import type { invokeContext } from "./invoke_context.ts";
import type { watchParent } from "./parent_watch.ts";
import type { rapidClient } from "./rapid_client.ts";

/** The other bootstrap parts, as the generated module wires them. */
export interface BootstrapParts {
  /** Error helpers. */
  readonly errors: ErrorFormatting;
  /** See `console_patch.ts`. */
  readonly patchConsole: typeof patchConsole;
  /** See `handler_loader.ts`. */
  readonly loadHandler: typeof loadHandler;
  /** See `rapid_client.ts`. */
  readonly rapidClient: typeof rapidClient;
  /** See `invoke_context.ts`. */
  readonly invokeContext: typeof invokeContext;
  /** See `parent_watch.ts`. */
  readonly watchParent: typeof watchParent;
  /** Dynamic `import()`. */
  readonly importModule: (url: string) => Promise<Record<string, unknown>>;
}

/**
 * Runs the runtime. Self-contained: it runs inside the function's process.
 *
 * @param modules The built-ins.
 * @param parts The other bootstrap parts.
 * @param bootstrapFile The bootstrap's own path (anchors `require`).
 * @param flushMarker The line that tells the executor the output so far has been written.
 */
export async function runRuntime(
  modules: BootstrapModules,
  parts: BootstrapParts,
  bootstrapFile: string,
  flushMarker: (requestId: string) => string,
): Promise<void> {
  const { process } = modules;
  const { errors } = parts;
  let currentRequestId: string | undefined;
  const { json } = parts.patchConsole(modules, () => currentRequestId);
  // S: RIC 4.x src/logging/log-patch.ts structuredConsole.logError: in JSON the error alone
  // (serialized with errorType, errorMessage, stackTrace), in text the label and the error.
  const logError = (label: string, error: unknown) =>
    json
      ? console.error(error instanceof Error ? error : new Error(String(error)))
      : console.error(label, errors.toFormatted(error));
  parts.watchParent(modules);
  const client = parts.rapidClient(modules, process.env.AWS_LAMBDA_RUNTIME_API ?? "", flushMarker);

  // Until the first event a crash is an init error; afterwards it fails the current event.
  let reportCrash = (error: unknown) => client.postInitError(errors.toRapidError(error));
  const crash = (error: unknown, exitCode: number) => {
    reportCrash(error).then(() => process.exit(exitCode), () => process.exit(exitCode));
  };
  process.on("uncaughtException", (error) => {
    logError("Uncaught Exception", error);
    crash(error, 129);
  });
  process.on("unhandledRejection", (reason) => {
    const error = errors.runtimeError("UnhandledPromiseRejection", String(reason));
    logError("Unhandled Promise Rejection", error);
    crash(error, 128);
  });
  let drained: (() => void) | undefined;
  process.on("beforeExit", () => drained?.());

  // AWS's Node 24 runtime is a new generation of the runtime client (RIC 4.x): no callback
  // handlers, no context.succeed/fail/done, the return value of any handler awaited. Node 22
  // and earlier keep RIC 3.x's rules. The RIC itself tells them apart by AWS_EXECUTION_ENV.
  const major = Number(/^AWS_Lambda_nodejs(\d+)\.x$/.exec(process.env.AWS_EXECUTION_ENV ?? "")?.[1] ?? 22);
  const legacy = major < 24;
  let handler: LambdaHandler;
  try {
    const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
    handler = await parts.loadHandler(
      modules,
      errors,
      bootstrapFile,
      parts.importModule,
      taskRoot,
      process.env._HANDLER ?? "",
      !legacy,
    );
    // S: RIC 4.x src/function/callback-deprecation.ts (three or more parameters, not streaming).
    if (!legacy && handler.length >= 3) {
      throw errors.runtimeError(
        "CallbackHandlerDeprecated",
        "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. " +
          "You need to modify this function to use a supported handler signature to use Node.js 24 or later. " +
          "For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.",
      );
    }
  } catch (error) {
    // RIC 3.x logs a failed init as "Uncaught Exception", RIC 4.x as "Init Error".
    logError(legacy ? "Uncaught Exception" : "Init Error", error);
    await client.postInitError(errors.toRapidError(error));
    return process.exit(129);
  }
  const isAsync = handler.constructor.name === "AsyncFunction";

  const serveNext = async (): Promise<void> => {
    const { headers, body } = await client.next();
    const requestId = headers["lambda-runtime-aws-request-id"] ?? "";
    currentRequestId = requestId;
    if (headers["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = headers["lambda-runtime-trace-id"];
    else delete process.env._X_AMZN_TRACE_ID;

    let posted = false;
    const finish = (post: () => Promise<void>) => {
      if (posted) return;
      posted = true;
      drained = undefined;
      post().then(() => setTimeout(serveNext, 0));
    };
    const fail = (error: unknown) => {
      logError("Invoke Error", error);
      finish(() => client.postError(requestId, errors.toRapidError(error)));
    };
    const succeed = (result: unknown) => {
      let json: string | undefined;
      try {
        json = JSON.stringify(result === undefined ? null : result);
      } catch {
        return fail(new Error("Unable to stringify response body"));
      }
      finish(() => client.postResponse(requestId, json ?? "null"));
    };
    reportCrash = (error) =>
      posted ? Promise.resolve() : client.postError(requestId, errors.toRapidError(error));

    const sink = { succeed, fail, whenDrained: (listener?: () => void) => void (drained = listener) };
    let control: ReturnType<typeof parts.invokeContext> | undefined;
    if (!legacy) {
      // S: RIC 4.x src/runtime/buffered-invoke-processor.ts: `await handler(event, context)`.
      try {
        const context = parts.invokeContext(modules, headers, sink, false).context;
        const call = handler as unknown as (event: unknown, context: unknown) => unknown;
        Promise.resolve(call(JSON.parse(body), context)).then(succeed, fail);
      } catch (error) {
        fail(error);
      }
      return;
    }
    try {
      control = parts.invokeContext(modules, headers, sink);
      const { context, callback } = control;
      // Nothing settled the invocation by the time the loop drains.
      sink.whenDrained(() => {
        if (!isAsync) return (context.succeed as (result: unknown) => void)(null);
        (context.fail as (error: unknown) => void)(errors.runtimeError(
          "NodeJsExit",
          "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused " +
            "by a Promise that was never settled. For more information, see " +
            "https://nodejs.org/docs/latest/api/process.html#exit-codes",
        ));
      });
      const result = handler(JSON.parse(body), context, callback);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
        (result as PromiseLike<unknown>).then(
          context.succeed as (value: unknown) => void,
          context.fail as (reason: unknown) => void,
        );
      }
    } catch (error) {
      if (control) control.callback(error);
      else fail(error);
    }
  };
  await serveNext();
}
