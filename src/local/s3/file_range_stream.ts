/**
 * Streaming part of an open file as a response body, closing the file however the response
 * ends (fully sent, client gone, or never started).
 *
 * @module
 */
import type { FileHandle } from "node:fs/promises";

/** Bytes read per step: large enough to be cheap, small enough to keep memory flat. */
const READ_SIZE = 256 * 1024;

/**
 * An async iterable over `[start, end]` of an open file that owns the handle: it closes it at
 * the end, on `return()` (the consumer stopped early) and on `close()`, even before the first
 * read.
 */
export class FileRangeStream implements AsyncIterable<Uint8Array> {
  readonly #file: FileHandle;
  #position: number;
  readonly #end: number;
  #closed = false;

  /**
   * @param file The open file; this stream closes it.
   * @param start First byte to send.
   * @param end Last byte to send (inclusive); below `start` for an empty body.
   */
  constructor(file: FileHandle, start: number, end: number) {
    this.#file = file;
    this.#position = start;
    this.#end = end;
  }

  /** Closes the file if it is still open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#file.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        if (this.#closed || this.#position > this.#end) {
          await this.close();
          return { done: true, value: undefined };
        }
        const length = Math.min(READ_SIZE, this.#end - this.#position + 1);
        const buffer = new Uint8Array(length);
        const { bytesRead } = await this.#file.read(buffer, 0, length, this.#position);
        if (bytesRead === 0) {
          await this.close();
          throw new Error("object file ended before its recorded size");
        }
        this.#position += bytesRead;
        return { done: false, value: buffer.subarray(0, bytesRead) };
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }
}
