/**
 * The source of a digest worker: a `node:worker_threads` script (evaluated from a string, so it
 * loads the same under Deno, Node and the npm build) that keeps one running digest set per
 * body and hashes each body's pieces in the order they arrive.
 *
 * Messages in: `{ id, start: algorithms }`, `{ id, piece: ArrayBuffer }`, `{ id, end: true }`,
 * `{ id, drop: true }`. Messages out: `{ id, hashed: bytes }` after each piece, `{ id, digests }`
 * (algorithm → `ArrayBuffer`) after `end`, `{ id, error }` when something failed.
 *
 * @module
 */
import { crc64NvmeTables, crc64NvmeUpdate } from "../../archive/crc64nvme.ts";
import type { ChecksumAlgorithm } from "./checksums.ts";

/** The algorithms a digest worker computes: every checksum S3 knows, by its name in lower case. */
export type WorkerAlgorithm = Lowercase<ChecksumAlgorithm>;

/** A message to a digest worker. */
export type DigestRequest =
  | { readonly id: number; readonly start: readonly WorkerAlgorithm[] }
  | { readonly id: number; readonly piece: ArrayBuffer }
  | { readonly id: number; readonly end: true }
  | { readonly id: number; readonly drop: true };

/** A message from a digest worker. */
export type DigestReply =
  | { readonly id: number; readonly hashed: number }
  | { readonly id: number; readonly digests: Record<string, ArrayBuffer> }
  | { readonly id: number; readonly error: string };

// Runs in the worker, as a CommonJS script: self-contained, no imports (CRC-64/NVME comes in
// as the source of the two functions of crc64nvme.ts, see DIGEST_WORKER_SOURCE).
function digestWorker(
  workerThreads: typeof import("node:worker_threads"),
  crypto: typeof import("node:crypto"),
  crc64Tables: typeof crc64NvmeTables,
  crc64Update: typeof crc64NvmeUpdate,
) {
  // Reflected CRC-32 family, sliced by 8 (the same values as src/archive/crc32.ts, faster).
  function crcFor(polynomial: number) {
    const table = new Int32Array(256 * 8);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    for (let n = 0; n < 256; n++) {
      let c = table[n];
      for (let k = 1; k < 8; k++) {
        c = table[c & 0xff] ^ (c >>> 8);
        table[k * 256 + n] = c;
      }
    }
    return (bytes: Uint8Array, crc: number) => {
      let c = ~crc;
      let i = 0;
      const whole = bytes.length - (bytes.length & 7);
      while (i < whole) {
        const a = c ^ (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24);
        c = table[1792 + (a & 0xff)] ^ table[1536 + ((a >>> 8) & 0xff)] ^
          table[1280 + ((a >>> 16) & 0xff)] ^ table[1024 + (a >>> 24)] ^
          table[768 + bytes[i + 4]] ^ table[512 + bytes[i + 5]] ^ table[256 + bytes[i + 6]] ^
          table[bytes[i + 7]];
        i += 8;
      }
      while (i < bytes.length) c = table[(c ^ bytes[i++]) & 0xff] ^ (c >>> 8);
      return ~c >>> 0;
    };
  }
  const crcs: Record<string, (bytes: Uint8Array, crc: number) => number> = {};
  const crcNamed = (name: string) =>
    crcs[name] ??= crcFor(name === "crc32" ? 0xedb88320 | 0 : 0x82f63b78 | 0);

  interface Running {
    update(bytes: Uint8Array): void;
    digest(): ArrayBuffer;
  }
  let crc64: ReturnType<typeof crc64Tables> | undefined;
  function start(algorithm: string): Running {
    if (algorithm === "crc64nvme") {
      const tables = crc64 ??= crc64Tables();
      const register = new Int32Array([~0, ~0]);
      return {
        update: (bytes) => crc64Update(tables, register, bytes),
        digest: () => {
          const out = new DataView(new ArrayBuffer(8));
          out.setUint32(0, ~register[0] >>> 0);
          out.setUint32(4, ~register[1] >>> 0);
          return out.buffer;
        },
      };
    }
    if (algorithm === "crc32" || algorithm === "crc32c") {
      const step = crcNamed(algorithm);
      let value = 0;
      return {
        update: (bytes) => void (value = step(bytes, value)),
        digest: () => {
          const out = new DataView(new ArrayBuffer(4));
          out.setUint32(0, value);
          return out.buffer;
        },
      };
    }
    const hash = crypto.createHash(algorithm);
    return {
      update: (bytes) => void hash.update(bytes),
      digest: () => {
        const bytes = hash.digest();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      },
    };
  }

  const port = workerThreads.parentPort!;
  const bodies = new Map<number, Map<string, Running>>();
  port.on("message", (message: Record<string, unknown> & { id: number }) => {
    const { id } = message;
    try {
      if (message.start) {
        bodies.set(id, new Map((message.start as string[]).map((name) => [name, start(name)])));
      } else if (message.piece) {
        const bytes = new Uint8Array(message.piece as ArrayBuffer);
        const running = bodies.get(id);
        if (running) { for (const sum of running.values()) sum.update(bytes); }
        port.postMessage({ id, hashed: bytes.length });
      } else if (message.end) {
        const running = bodies.get(id);
        bodies.delete(id);
        const digests: Record<string, ArrayBuffer> = {};
        for (const [name, sum] of running ?? []) digests[name] = sum.digest();
        port.postMessage({ id, digests }, Object.values(digests));
      } else if (message.drop) {
        bodies.delete(id);
      }
    } catch (error) {
      bodies.delete(id);
      port.postMessage({ id, error: String(error) });
    }
  });
}

/** The worker's source, for `new Worker(DIGEST_WORKER_SOURCE, { eval: true })`. */
export const DIGEST_WORKER_SOURCE: string =
  `(${digestWorker.toString()})(require("node:worker_threads"), require("node:crypto"), ${crc64NvmeTables.toString()}, ${crc64NvmeUpdate.toString()});`;
