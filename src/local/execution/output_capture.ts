/**
 * Collects a function process's stdout and stderr, in arrival order, into the text of the
 * invocation being served. The bootstrap writes a flush line (`FLUSH_MARKER_PREFIX`, request
 * id, `\0\n`) on both streams before each post, so the executor can wait until everything the
 * invocation printed has arrived before it closes the invocation's log; the lines are removed.
 *
 * @module
 */
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** How a flush line starts. */
export const FLUSH_MARKER_PREFIX = "\u0000lambda-runtime-flush ";
const MARKER_END = "\u0000\n";
// A longest request id keeps the search for a marker's end bounded.
const MARKER_MAX = FLUSH_MARKER_PREFIX.length + 256;

/** The output of one process. */
export interface OutputCapture {
  /** Returns the text collected since the last call and starts over. */
  take(): string;
  /** Adds a line of the executor's own (e.g. why the process could not start). */
  note(text: string): void;
  /**
   * Resolves when both streams have shown the flush line of `requestId` or ended, or when no
   * output has arrived for `quietMs` (a runtime that writes no flush lines).
   */
  flushed(requestId: string, quietMs: number): Promise<void>;
  /** Resolves when both streams have ended. */
  readonly ended: Promise<void>;
}

/**
 * Starts collecting.
 *
 * @param streams The process's stdout and stderr.
 * @param limit At most this many characters are kept; older text is dropped first.
 * @returns The capture.
 */
export function captureOutput(streams: readonly Readable[], limit: number): OutputCapture {
  let pieces: string[] = [];
  let size = 0;
  const append = (text: string) => {
    lastOutputAt = Date.now();
    if (text === "") return;
    pieces.push(text);
    size += text.length;
    while (size > limit && pieces.length > 0) {
      const excess = size - limit;
      if (pieces[0].length <= excess) size -= pieces.shift()!.length;
      else {
        pieces[0] = pieces[0].slice(excess);
        size -= excess;
      }
    }
  };
  let lastOutputAt = Date.now();
  let waiters: Array<() => void> = [];
  const notify = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const readers = streams.map((stream) => readStream(stream, append, notify));

  return {
    take() {
      const text = pieces.join("");
      pieces = [];
      size = 0;
      return text;
    },
    note: append,
    flushed(requestId, quietMs) {
      const done = () => readers.every((reader) => reader.ended || reader.flushedIds.has(requestId));
      return new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          clearTimeout(timer);
          waiters = waiters.filter((waiter) => waiter !== check);
          for (const reader of readers) reader.flushedIds.delete(requestId);
          resolve();
        };
        const quietCheck = () => {
          const quietFor = Date.now() - lastOutputAt;
          if (quietFor >= quietMs) return finish();
          timer = setTimeout(quietCheck, quietMs - quietFor);
        };
        const check = () => done() ? finish() : waiters.push(check);
        timer = setTimeout(quietCheck, quietMs);
        check();
      });
    },
    ended: Promise.all(readers.map((reader) => reader.endedPromise)).then(() => {}),
  };
}

interface StreamReader {
  readonly flushedIds: Set<string>;
  ended: boolean;
  endedPromise: Promise<void>;
}

function readStream(stream: Readable, append: (text: string) => void, notify: () => void): StreamReader {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const reader: StreamReader = { flushedIds: new Set(), ended: false, endedPromise: Promise.resolve() };
  const consume = (text: string) => {
    pending += text;
    for (;;) {
      const start = pending.indexOf(FLUSH_MARKER_PREFIX);
      if (start < 0) {
        // Keep a tail that could be the start of a marker split across chunks.
        const keep = partialPrefixLength(pending);
        append(pending.slice(0, pending.length - keep));
        pending = pending.slice(pending.length - keep);
        return;
      }
      append(pending.slice(0, start));
      pending = pending.slice(start);
      const end = pending.indexOf(MARKER_END, FLUSH_MARKER_PREFIX.length);
      if (end < 0) {
        if (pending.length <= MARKER_MAX) return;
        append(pending.slice(0, 1)); // not a marker after all
        pending = pending.slice(1);
        continue;
      }
      reader.flushedIds.add(pending.slice(FLUSH_MARKER_PREFIX.length, end));
      pending = pending.slice(end + MARKER_END.length);
      notify();
    }
  };
  reader.endedPromise = new Promise<void>((resolve) => {
    const finish = () => {
      if (reader.ended) return;
      reader.ended = true;
      append(pending + decoder.end());
      pending = "";
      notify();
      resolve();
    };
    stream.on("data", (chunk: Uint8Array) => consume(decoder.write(chunk)));
    stream.on("end", finish);
    stream.on("close", finish);
    stream.on("error", finish);
  });
  return reader;
}

function partialPrefixLength(text: string): number {
  for (let length = Math.min(text.length, FLUSH_MARKER_PREFIX.length - 1); length > 0; length--) {
    if (FLUSH_MARKER_PREFIX.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}
