/**
 * A `CliIo` for running commands in-process: records what they print and lets the test
 * decide when the "user" asks to stop.
 *
 * @module
 */
import type { CliIo } from "../../src/cli/cli_io.ts";

/** A recording `CliIo`. */
export interface RecordingIo extends CliIo {
  /** Everything printed to stdout, one entry per call. */
  readonly stdout: string[];
  /** Everything printed to stderr, one entry per call. */
  readonly stderr: string[];
  /** Resolves with the first stdout text that matches. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Acts as if the user pressed Ctrl+C (or sent another signal). */
  requestStop(signal?: string): void;
}

/** Makes a recording `CliIo`. */
export function recordingIo(): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const watchers: Array<{ pattern: RegExp; resolve: (match: RegExpMatchArray) => void }> = [];
  let requestStop: (signal: string) => void = () => {};
  const stop = new Promise<string>((resolve) => (requestStop = resolve));
  return {
    stdout,
    stderr,
    out: (text) => {
      stdout.push(text);
      for (const watcher of [...watchers]) {
        const match = text.match(watcher.pattern);
        if (match === null) continue;
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(match);
      }
    },
    err: (text) => void stderr.push(text),
    stopRequested: () => stop,
    waitForOutput: (pattern) => {
      const earlier = stdout.map((text) => text.match(pattern)).find((match) => match !== null);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve) => watchers.push({ pattern, resolve }));
    },
    requestStop: (signal = "SIGINT") => requestStop(signal),
  };
}
