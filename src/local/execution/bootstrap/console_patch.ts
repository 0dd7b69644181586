/**
 * The bootstrap's console: every `console.*` call becomes one line
 * `<ISO time>\t<request id>\t<LEVEL>\t<message>\n` on stdout, as on AWS, with the line breaks
 * inside a message written as `\r` so that one call stays one log event.
 *
 * @module
 */
import type { BootstrapModules } from "./bootstrap_modules.ts";

/**
 * Replaces the console methods. Self-contained: it runs inside the function's process.
 *
 * @param modules `util` and `process` are used.
 * @param currentRequestId The request being served (`undefined` during init, as on AWS).
 */
export function patchConsole(
  modules: Pick<BootstrapModules, "util" | "process">,
  currentRequestId: () => string | undefined,
): void {
  const { util, process } = modules;
  // No level filtering: AWS applies AWS_LAMBDA_LOG_LEVEL only to the JSON log format.
  const write = (level: string) => (...params: unknown[]) => {
    const message = util.format(...(params.length === 0 ? [undefined] : params));
    const line = `${new Date().toISOString()}\t${currentRequestId()}\t${level}\t${message}`;
    process.stdout.write(line.replace(/\n/g, "\r") + "\n");
  };
  const console = globalThis.console as unknown as Record<string, unknown>;
  console.trace = write("TRACE");
  console.debug = write("DEBUG");
  console.info = write("INFO");
  console.log = write("INFO");
  console.warn = write("WARN");
  console.error = write("ERROR");
  console.fatal = write("FATAL");
}
