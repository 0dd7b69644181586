import { deepStrictEqual as deepEqual, ok, rejects, strictEqual as equal } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { exchange, readBody, readWhole } from "../../src/runtime/http_exchange.ts";

describe("the runtime's HTTP exchange", () => {
  let base: string;
  let server: ReturnType<typeof createServer>;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === "/silent") return; // reads nothing, answers nothing
      if (request.url === "/cut") {
        response.writeHead(200, { "content-length": "1000" });
        response.write("ten bytes.", () => response.destroy());
        return;
      }
      if (request.url === "/long") {
        response.end("x".repeat(100_000));
        return;
      }
      if (request.url === "/stalls") {
        response.writeHead(200, { "content-length": "1000" });
        response.write("a few bytes, then nothing");
        return;
      }
      const hash = createHash("sha256");
      let size = 0;
      request.on("data", (chunk: Uint8Array) => {
        hash.update(chunk);
        size += chunk.length;
      });
      request.on("end", () => response.end(JSON.stringify({ size, sha256: hash.digest("hex") })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test("exchange() sends a PUT body of many pieces in order, as the connection drains", async () => {
    const pieces = Array.from({ length: 40 }, (_, i) => new Uint8Array(256 * 1024).fill(i));
    const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const answer = await exchange(`${base}/put`, {
      method: "PUT",
      headers: { "content-length": String(size) },
      body: pieces,
    });
    equal(answer.status, 200);
    const chunks: Uint8Array[] = [];
    equal(await readBody(answer, (bytes) => chunks.push(bytes) > 0), true);
    const expected = createHash("sha256");
    for (const piece of pieces) expected.update(piece);
    deepEqual(JSON.parse(Buffer.concat(chunks).toString("utf8")), { size, sha256: expected.digest("hex") });
  });

  test("readBody() fails with the connection's error when the body is cut off before its length", async () => {
    const answer = await exchange(`${base}/cut`, { method: "GET", headers: {} });
    let received = 0;
    const failure = await readBody(answer, (bytes) => (received += bytes.length) > 0).then(
      () => undefined,
      (error: { code?: string }) => error,
    );
    equal(received, 10);
    ok(
      failure !== undefined && ["ECONNRESET", "ERR_STREAM_PREMATURE_CLOSE"].includes(failure.code ?? ""),
      `a network error code: ${JSON.stringify(failure)}`,
    );
  });

  test("readWhole() reads a body whole, or keeps only its first `limit` bytes", async () => {
    const whole = await readWhole(await exchange(`${base}/long`, { method: "GET", headers: {} }));
    equal(whole.length, 100_000);
    const start = await readWhole(await exchange(`${base}/long`, { method: "GET", headers: {} }), 1000);
    equal(start.length, 1000);
    equal(Buffer.from(start).toString("utf8"), "x".repeat(1000));
  });

  test("exchange() gives up on a server that answers nothing, with ETIMEDOUT", async () => {
    await rejects(exchange(`${base}/silent`, { method: "GET", headers: {}, idleTimeoutMs: 200 }), {
      code: "ETIMEDOUT",
    });
  });

  test("readBody() gives up on a body that stops flowing, with ETIMEDOUT", async () => {
    const answer = await exchange(`${base}/stalls`, { method: "GET", headers: {}, idleTimeoutMs: 200 });
    equal(answer.status, 200);
    let received = 0;
    await rejects(
      readBody(answer, (bytes) => {
        received += bytes.length;
        return true;
      }),
      { code: "ETIMEDOUT" },
    );
    equal(received, "a few bytes, then nothing".length);
  });
});
