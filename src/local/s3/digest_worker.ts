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
import { crc32Table, crc32Update } from "../../archive/crc32.ts";
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

// Runs in the worker, as a CommonJS script: self-contained, no imports (the CRCs come in as the
// source of the self-contained functions of crc32.ts and crc64nvme.ts, see DIGEST_WORKER_SOURCE).
function digestWorker(
  workerThreads: typeof import("node:worker_threads"),
  crypto: typeof import("node:crypto"),
  crc32TableOf: typeof crc32Table,
  crc32Step: typeof crc32Update,
  crc64Tables: typeof crc64NvmeTables,
  crc64Update: typeof crc64NvmeUpdate,
) {
  const crc32Tables: Record<string, Int32Array> = {};
  const crc32TableNamed = (name: string) =>
    crc32Tables[name] ??= crc32TableOf(name === "crc32" ? 0xedb88320 | 0 : 0x82f63b78 | 0);

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
      const table = crc32TableNamed(algorithm);
      let value = 0;
      return {
        update: (bytes) => void (value = crc32Step(table, bytes, value)),
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
  `(${digestWorker.toString()})(require("node:worker_threads"), require("node:crypto"), ${crc32Table}, ${crc32Update}, ${crc64NvmeTables}, ${crc64NvmeUpdate});`;
