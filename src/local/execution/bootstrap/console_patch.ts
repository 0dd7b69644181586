/**
 * The bootstrap's console, as AWS's runtime client writes it (S: RIC 4.x
 * `src/logging/log-patch.ts`, `stdout-logger.ts`, `formatter.ts`, `utils/env.ts`):
 * - text (the default): `<ISO time>\t<request id>\t<LEVEL>\t<message>` per call;
 * - `AWS_LAMBDA_LOG_FORMAT=JSON`: `{"timestamp","level","requestId","message"}` per call; with
 *   more than one argument the message is `util.format`ted and the first `Error` among them adds
 *   `errorType`, `errorMessage` and `stackTrace`; a lone `Error` is serialized with those fields.
 *
 * In both, line breaks inside a line are written as `\r` so that one call stays one log event,
 * and methods below `AWS_LAMBDA_LOG_LEVEL` (which Lambda sets only with the JSON format) print
 * nothing.
 *
 * @module
 */
import type { BootstrapModules } from "./bootstrap_modules.ts";

/**
 * Replaces the console methods. Self-contained: it runs inside the function's process.
 *
 * @param modules `util` and `process` are used.
 * @param currentRequestId The request being served (`undefined` during init, as on AWS).
 * @returns Whether the console writes JSON.
 */
export function patchConsole(
  modules: Pick<BootstrapModules, "util" | "process">,
  currentRequestId: () => string | undefined,
): { readonly json: boolean } {
  const { util, process } = modules;
  const json = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === "JSON";
  const levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
  const wanted = (process.env.AWS_LAMBDA_LOG_LEVEL ?? "").toUpperCase();
  const minimum = Math.max(0, levels.indexOf(wanted));
  const errorFields = (error: Error) => ({
    errorType: error?.constructor?.name ?? "UnknownError",
    errorMessage: error.message,
    stackTrace: typeof error.stack === "string" ? error.stack.split("\n") : error.stack,
  });
  const jsonLine = (level: string, params: unknown[]) => {
    const entry: Record<string, unknown> = {
      timestamp: new Date().toISOString(),
      level,
      requestId: currentRequestId(),
    };
    if (params.length <= 1) {
      entry.message = params[0];
      try {
        return JSON.stringify(
          entry,
          (_key, value) => value instanceof Error ? Object.assign(errorFields(value), value) : value,
        );
      } catch {
        entry.message = util.format(params[0]);
        return JSON.stringify(entry);
      }
    }
    entry.message = util.format(...params);
    const error = params.slice(1).find((param) => param instanceof Error) as Error | undefined;
    if (error) Object.assign(entry, errorFields(error));
    return JSON.stringify(entry);
  };
  const write = (level: string) => {
    if (levels.indexOf(level) < minimum) return () => {};
    return (...params: unknown[]) => {
      const line = json
        ? jsonLine(level, params)
        : `${new Date().toISOString()}\t${currentRequestId()}\t${level}\t${
          util.format(...(params.length === 0 ? [undefined] : params))
        }`;
      process.stdout.write(line.replace(/\n/g, "\r") + "\n");
    };
  };
  const console = globalThis.console as unknown as Record<string, unknown>;
  console.trace = write("TRACE");
  console.debug = write("DEBUG");
  console.info = write("INFO");
  console.log = console.info;
  console.warn = write("WARN");
  console.error = write("ERROR");
  console.fatal = write("FATAL");
  return { json };
}
