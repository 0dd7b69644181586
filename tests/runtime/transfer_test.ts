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

describe("download() of byte ranges, one refused for good", () => {
  let url: string;
  let server: ReturnType<typeof createServer>;
  let streamingStarted!: () => void;
  const streaming = new Promise<void>((resolve) => (streamingStarted = resolve));
  let stalledClosed!: (early: boolean) => void;
  const stalledGone = new Promise<boolean>((resolve) => (stalledClosed = resolve));
  before(async () => {
    server = createServer((request, response) => {
      const start = Number(/bytes=(\d+)-/.exec(request.headers.range ?? "")![1]);
      if (start === 0) {
        // Refused only once another range is on its way, so that one is surely in flight.
        void streaming.then(() => {
          response.writeHead(403, { "content-type": "application/xml" });
          response.end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
        });
        return;
      }
      response.writeHead(206, { "content-length": String(SIZE) });
      response.write(new Uint8Array(1024));
      response.once("close", () => stalledClosed(!response.writableFinished));
      if (start > SIZE / 2) streamingStarted();
      // The rest never comes: only the reader giving up ends this answer.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/object`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("download() fails with the refusal and drops the ranges still being read", async () => {
    const failure = await download("arguments download", url, SIZE).then(
      () => new Error("the download succeeded"),
      (error: Error) => error,
    );
    equal(failure.name, "TransferFailed");
    ok(/HTTP 403/.test(failure.message), failure.message);
    // Without the abort the stalled answers hold their connections open: give up after 10 s.
    const held = new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref());
    ok(await Promise.race([stalledGone, held]), "a stalled range's connection was closed by the reader");
  });
});
