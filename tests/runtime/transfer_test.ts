import { ok, strictEqual as equal } from "node:assert/strict";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { download } from "../../src/runtime/transfer.ts";

const MB = 1024 * 1024;
const SIZE = 17 * MB; // above the ranged-read threshold: four ranges

/** Each range's bytes say where they are. */
function byteAt(i: number): number {
  return (i * 7 + (i >>> 12)) & 0xff;
}

describe("download() of byte ranges", () => {
  let url: string;
  let server: ReturnType<typeof createServer>;
  // The first answer of the run is far longer than its range; this resolves when its
  // connection closes, which only the reader's cancel does before the body ends.
  let overlongClosed: Promise<boolean>;
  let overlongSent = false;
  before(async () => {
    let closed!: (early: boolean) => void;
    overlongClosed = new Promise((resolve) => (closed = resolve));
    server = createServer((request, response) => {
      const [, startText, endText] = /bytes=(\d+)-(\d+)/.exec(request.headers.range ?? "")!;
      const [start, end] = [Number(startText), Number(endText)];
      if (!overlongSent) {
        overlongSent = true;
        void sendOverlong(response).then(closed);
        return;
      }
      const body = new Uint8Array(end - start + 1);
      for (let i = 0; i < body.length; i++) body[i] = byteAt(start + i);
      response.writeHead(206, { "content-range": `bytes ${start}-${end}/${SIZE}` });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/object`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("download() reads a range answered longer than asked again, and cancels the overlong answer", async () => {
    const bytes = await download("arguments download", url, SIZE);
    equal(bytes.length, SIZE);
    for (let i = 0; i < SIZE; i += 4093) equal(bytes[i], byteAt(i), `byte ${i}`);
    // Without the cancel the body stalls, neither sent nor closed: give up waiting after 10 s.
    const stalled = new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref());
    ok(
      await Promise.race([overlongClosed, stalled]),
      "the overlong answer's connection was closed before its body ended",
    );
  });
});

/**
 * Streams a body of 64 MiB (more than any range) as the reader pulls it; resolves true when the
 * client closes the connection before the end, false if the whole body went out.
 */
async function sendOverlong(response: ServerResponse): Promise<boolean> {
  response.writeHead(206, { "content-length": String(64 * MB) });
  const chunk = new Uint8Array(64 * 1024);
  const gone = new Promise<true>((resolve) => response.once("close", () => resolve(true)));
  for (let sent = 0; sent < 64 * MB; sent += chunk.length) {
    if (response.write(chunk)) continue;
    const drained = new Promise<false>((resolve) => response.once("drain", () => resolve(false)));
    if (await Promise.race([gone, drained])) return true;
  }
  response.end();
  return false;
}
