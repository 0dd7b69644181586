import { deepStrictEqual as deepEqual, rejects, strictEqual as equal } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { exchange, readBody } from "../../src/runtime/http_exchange.ts";

describe("the runtime's HTTP exchange", () => {
  let base: string;
  let server: ReturnType<typeof createServer>;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === "/silent") return; // reads nothing, answers nothing
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
