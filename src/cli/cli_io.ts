/**
 * What a command may do to the world besides its own work: print, and wait for the user to
 * ask it to stop. Commands get it as a parameter, so tests can run them in-process.
 *
 * @module
 */
import process from "node:process";

/**
 * Output streams and stop requests of one command run.
 *
 * @example Run the CLI with the process's streams
 * ```ts
 * import { processIo, runCli } from "@covalent/awslambda/cli";
 * const exitCode = await runCli(["--help"], processIo((code) => process.exit(code)));
 * ```
 */
export interface CliIo {
  /** Prints a line (or block) to standard output. */
  out(text: string): void;
  /** Prints a line (or block) to standard error. */
  err(text: string): void;
  /** Resolves with the signal name (`SIGINT`, `SIGTERM`) once the user asks to stop. */
  stopRequested(): Promise<string>;
  /** Whether standard error is a terminal, where progress may redraw one line. */
  readonly errIsTerminal?: boolean;
}

/** Signals closer together than this count as one (milliseconds). */
const DUPLICATE_SIGNAL_MS = 1_000;

/**
 * The real process: stdout, stderr, and SIGINT/SIGTERM. The signal handlers are installed at
 * once, so a Ctrl+C during start-up still stops cleanly; a second signal forces the exit.
 *
 * @example
 * ```ts
 * const io = processIo((code) => process.exit(code));
 * io.out("hello");
 * ```
 *
 * @param forceExit Ends the process when a second signal arrives while stopping (exit code 130).
 * @returns The process's IO.
 */
export function processIo(forceExit: (code: number) => void): CliIo {
  let received: string | undefined;
  let receivedAt = 0;
  let notify: ((signal: string) => void) | undefined;
  const stop = new Promise<string>((resolve) => (notify = resolve));
  const onSignal = (signal: string) => {
    // One Ctrl+C can arrive twice: the terminal signals the whole process group and a parent
    // such as `deno task` forwards it too. Only a second press, later, forces the exit.
    if (received !== undefined && Date.now() - receivedAt < DUPLICATE_SIGNAL_MS) return;
    if (received !== undefined) {
      process.stderr.write(`Received ${signal} again; exiting without waiting.\n`);
      forceExit(130);
      return;
    }
    received = signal;
    receivedAt = Date.now();
    notify?.(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    stopRequested: () => stop,
    errIsTerminal: process.stderr.isTTY === true,
  };
}
