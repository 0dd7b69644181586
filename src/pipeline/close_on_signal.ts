/**
 * Clean Ctrl-C for programs that use the executor: one call installs SIGINT/SIGTERM handlers
 * that close every open `AWSLambdaExecutor` (runs in flight reject, their invocations finish
 * and what they wrote is removed) and set the exit code, instead of the process dying with
 * work left in the account.
 *
 * @module
 */

/** Something that can be closed: every open executor registers here. */
export interface Closable {
  /** Closes it. */
  close(): Promise<void>;
}

const open = new Set<Closable>();

/** Registers an open executor (its constructor does). */
export function registerOpen(executor: Closable): void {
  open.add(executor);
}

/** Forgets a closed executor (its `close()` does). */
export function forgetOpen(executor: Closable): void {
  open.delete(executor);
}

/**
 * Options of `closeExecutorsOnSignal`.
 *
 * @example
 * ```ts
 * import type { CloseOnSignalOptions } from "@covalent/awslambda";
 * const options: CloseOnSignalOptions = { onSignal: (signal) => console.error(`${signal}: stopping …`) };
 * ```
 */
export interface CloseOnSignalOptions {
  /** Called first when a signal arrives (to print a line, or abort work of your own). */
  readonly onSignal?: (signal: "SIGINT" | "SIGTERM") => void;
  /**
   * End the process once every executor is closed (with 130 for SIGINT, 143 for SIGTERM).
   * Otherwise only `process.exitCode` is set and the program finishes on its own.
   * @default {false}
   */
  readonly exit?: boolean;
}

/** Signals closer together than this count as one: a terminal and `deno task` both deliver Ctrl-C. */
const DUPLICATE_SIGNAL_MS = 1_000;

/**
 * Installs SIGINT and SIGTERM handlers that close every open executor. A second signal (not
 * the same Ctrl-C delivered twice) ends the process at once. Returns a function that removes
 * the handlers.
 *
 * @example Close everything on Ctrl-C
 * ```ts
 * import { AWSLambdaExecutor, closeExecutorsOnSignal } from "@covalent/awslambda";
 * const uninstall = closeExecutorsOnSignal({ onSignal: () => console.error("stopping …") });
 * const executor = new AWSLambdaExecutor({ endpoint: "local" });
 * try {
 *   await executor.map((n: number) => n * n, [[1], [2]]);
 * } finally {
 *   await executor.close();
 *   uninstall();
 * }
 * ```
 */
export function closeExecutorsOnSignal(options: CloseOnSignalOptions = {}): () => void {
  let firstAt: number | undefined;
  const handler = (signal: "SIGINT" | "SIGTERM") => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (firstAt !== undefined) {
      if (Date.now() - firstAt < DUPLICATE_SIGNAL_MS) return;
      process.stderr.write(`Received ${signal} again; exiting without waiting.\n`);
      process.exit(code);
    }
    firstAt = Date.now();
    process.exitCode = code;
    options.onSignal?.(signal);
    void Promise.allSettled([...open].map((executor) => executor.close())).then(() => {
      if (options.exit) process.exit(code);
    });
  };
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return () => {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  };
}
