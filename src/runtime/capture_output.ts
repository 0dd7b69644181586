/**
 * Capturing what a task prints, while still letting it reach the function's log.
 *
 * On AWS the runtime client replaces `console.*` and may write to a telemetry descriptor
 * rather than `process.stdout`, so both the console methods and the raw streams are wrapped.
 *
 * @module
 */
import { format } from "node:util";

/** Most bytes kept per stream; the rest is dropped with a note. */
const LIMIT = 1024 * 1024;

/** Output captured so far; `stop()` restores the originals. */
export interface OutputCapture {
  /** Ends the capture and returns what was printed. */
  stop(): { stdout: string; stderr: string };
}

const STDOUT_METHODS = ["log", "info", "debug", "trace"] as const;
const STDERR_METHODS = ["error", "warn"] as const;

class Sink {
  text = "";
  dropped = 0;
  add(piece: string): void {
    const room = LIMIT - this.text.length;
    if (room >= piece.length) this.text += piece;
    else {
      this.text += piece.slice(0, Math.max(0, room));
      this.dropped += piece.length - Math.max(0, room);
    }
  }
  result(): string {
    return this.dropped > 0 ? `${this.text}\n[… ${this.dropped} more characters not kept]` : this.text;
  }
}

/** Starts capturing console output and writes to `process.stdout`/`process.stderr`. */
export function captureOutput(): OutputCapture {
  const stdout = new Sink();
  const stderr = new Sink();
  let insideConsole = false;
  const console_ = globalThis.console as unknown as Record<string, (...args: unknown[]) => void>;
  const savedConsole = new Map<string, (...args: unknown[]) => void>();
  const wrapConsole = (name: string, sink: Sink) => {
    const original = console_[name];
    savedConsole.set(name, original);
    console_[name] = (...args: unknown[]) => {
      sink.add(`${format(...args)}\n`);
      insideConsole = true;
      try {
        original.apply(globalThis.console, args);
      } finally {
        insideConsole = false;
      }
    };
  };
  for (const name of STDOUT_METHODS) wrapConsole(name, stdout);
  for (const name of STDERR_METHODS) wrapConsole(name, stderr);

  const wrapStream = (stream: NodeJS.WriteStream, sink: Sink) => {
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      if (!insideConsole) {
        sink.add(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk as Uint8Array));
      }
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    return () => {
      stream.write = original;
    };
  };
  const restoreOut = wrapStream(process.stdout, stdout);
  const restoreErr = wrapStream(process.stderr, stderr);

  return {
    stop() {
      for (const [name, original] of savedConsole) console_[name] = original;
      restoreOut();
      restoreErr();
      return { stdout: stdout.result(), stderr: stderr.result() };
    },
  };
}
