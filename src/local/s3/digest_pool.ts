/**
 * A small pool of worker threads that hash large upload bodies, so that md5 (the ETag) and the
 * other digests of a 100 MB PUT do not hold the server's only thread: the body is received and
 * written on the server's thread while a worker hashes the pieces already written.
 *
 * Workers start on first use, are `unref`'d (they never keep a process alive) and end with
 * `close()`. Each body goes to the worker with the fewest bodies in progress; the bytes sent to
 * a worker and not yet hashed are bounded, and `push` waits (back-pressure on the body) past
 * that bound.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DIGEST_WORKER_SOURCE, type DigestReply, type WorkerAlgorithm } from "./digest_worker.ts";

export type { WorkerAlgorithm } from "./digest_worker.ts";

/** The digests of one body being computed by a worker. */
export interface DigestJob {
  /**
   * Hands the next piece of the body to the worker. The piece's buffer is transferred
   * (detached) when `owned`; otherwise it is copied first.
   *
   * @returns Nothing, or a promise to wait for when too many bytes are in flight.
   */
  push(bytes: Uint8Array, owned: boolean): Promise<void> | undefined;
  /** The digests, by algorithm, once the worker has hashed every piece. */
  finish(): Promise<Record<WorkerAlgorithm, Uint8Array>>;
  /** Drops the body: the worker forgets it and nothing more is awaited. */
  cancel(): void;
}

/** Worker threads hashing bodies, shared by one S3 service. */
export interface DigestPool {
  /** Starts hashing a body with `algorithms` (distinct names). */
  start(algorithms: readonly WorkerAlgorithm[]): DigestJob;
  /** Ends every worker; jobs in progress fail. Resolves once they are gone. */
  close(): Promise<void>;
}

/** Options of `createDigestPool`. */
export interface DigestPoolOptions {
  /**
   * Most workers.
   * @default {2, or 1 on a single core}
   */
  readonly size?: number;
  /**
   * Bytes handed to a worker for one body and not yet hashed, past which `push` waits.
   * @default {4 MiB}
   */
  readonly maxInFlight?: number;
}

interface Slot {
  readonly worker: Worker;
  /** Bodies in progress; while there are any, the worker is ref'd like any pending I/O. */
  readonly jobs: Map<number, (reply: DigestReply) => void>;
}

function addJob(slot: Slot, id: number, settle: (reply: DigestReply) => void): void {
  if (slot.jobs.size === 0) slot.worker.ref();
  slot.jobs.set(id, settle);
}

function removeJob(slot: Slot, id: number): boolean {
  if (!slot.jobs.delete(id)) return false;
  if (slot.jobs.size === 0) slot.worker.unref();
  return true;
}

/** Every running worker of this process, across pools. */
const running = new Set<Slot>();

/** What digest workers are doing in this process (for tests: nothing once every server closed). */
export interface DigestWorkerStats {
  /** Workers started and not exited. */
  readonly workers: number;
  /** Bodies a worker holds state for: started, neither finished nor dropped. */
  readonly bodies: number;
}

/**
 * Counts the digest workers of this process and the bodies they are hashing.
 *
 * @returns The counts, now.
 *
 * @example After a server closed
 * ```ts
 * await aws.close();
 * digestWorkerStats(); // { workers: 0, bodies: 0 }
 * ```
 */
export function digestWorkerStats(): DigestWorkerStats {
  let bodies = 0;
  for (const slot of running) bodies += slot.jobs.size;
  return { workers: running.size, bodies };
}

/**
 * Creates a pool; no worker starts until the first `start`.
 *
 * @param options Pool size and the in-flight bound.
 * @returns The pool.
 *
 * @example Hash a body of two pieces
 * ```ts
 * const pool = createDigestPool();
 * const job = pool.start(["md5"]);
 * await job.push(new Uint8Array(4 << 20), true);
 * await job.push(new Uint8Array(1 << 20), true);
 * const { md5 } = await job.finish();
 * await pool.close();
 * ```
 */
export function createDigestPool(options: DigestPoolOptions = {}): DigestPool {
  const size = options.size ?? Math.min(2, Math.max(1, availableParallelism()));
  const maxInFlight = options.maxInFlight ?? 4 * 1024 * 1024;
  const slots: Slot[] = [];
  const exited: Promise<void>[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(DIGEST_WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    running.add(slot);
    const fail = (reason: string) => {
      for (const [id, settle] of slot.jobs) settle({ id, error: reason });
      slot.jobs.clear();
      slot.worker.unref();
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
    };
    exited.push(
      new Promise((resolve) =>
        worker.once("exit", () => {
          fail("the digest worker exited");
          running.delete(slot);
          resolve();
        })
      ),
    );
    worker.on("error", (error) => fail(`the digest worker failed: ${error}`));
    worker.on("message", (reply: DigestReply) => slot.jobs.get(reply.id)?.(reply));
    slots.push(slot);
    return slot;
  };

  const pick = (): Slot => {
    const idle = slots.find((slot) => slot.jobs.size === 0);
    if (idle) return idle;
    if (slots.length < size) return spawn();
    return slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  };

  return {
    start: (algorithms) => {
      if (closed) throw new Error("Cannot hash a body: the digest pool is closed");
      const slot = pick();
      const id = nextId++;
      let inFlight = 0;
      let failure: Error | undefined;
      let drained: (() => void) | undefined;
      let done: ((digests: Record<WorkerAlgorithm, Uint8Array>) => void) | undefined;
      let failed: ((error: Error) => void) | undefined;
      const settleWaiters = () => {
        drained?.();
        drained = undefined;
      };
      addJob(slot, id, (reply) => {
        if ("hashed" in reply) {
          inFlight -= reply.hashed;
          if (inFlight <= maxInFlight) settleWaiters();
        } else if ("digests" in reply) {
          removeJob(slot, id);
          const digests = {} as Record<WorkerAlgorithm, Uint8Array>;
          for (const [name, buffer] of Object.entries(reply.digests)) {
            digests[name as WorkerAlgorithm] = new Uint8Array(buffer);
          }
          done?.(digests);
        } else {
          removeJob(slot, id);
          failure = new Error(`Cannot hash the body: ${reply.error}`);
          settleWaiters();
          failed?.(failure);
        }
      });
      slot.worker.postMessage({ id, start: algorithms });
      return {
        push: (bytes, owned) => {
          if (failure) return Promise.reject(failure);
          const whole = owned && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
          const buffer = (whole ? bytes : bytes.slice()).buffer as ArrayBuffer;
          inFlight += buffer.byteLength;
          slot.worker.postMessage({ id, piece: buffer }, [buffer]);
          if (inFlight <= maxInFlight) return undefined;
          return new Promise<void>((resolve) => drained = resolve).then(() => {
            if (failure) throw failure;
          });
        },
        finish: () => {
          if (failure) return Promise.reject(failure);
          return new Promise((resolve, reject) => {
            done = resolve;
            failed = reject;
            slot.worker.postMessage({ id, end: true });
          });
        },
        cancel: () => {
          if (!removeJob(slot, id)) return;
          failure ??= new Error("Cannot hash the body: it was cancelled");
          settleWaiters();
          slot.worker.postMessage({ id, drop: true });
        },
      };
    },
    close: async () => {
      closed = true;
      // Ref'd, so that the event loop lives until they have exited and this await ends.
      // A copy: a worker's exit (synchronous within terminate() under Deno) removes its slot.
      const ending = [...slots];
      for (const slot of ending) slot.worker.ref();
      await Promise.allSettled(ending.map((slot) => slot.worker.terminate()));
      await Promise.allSettled(exited);
    },
  };
}
