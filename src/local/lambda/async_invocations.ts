/**
 * Asynchronous (Event) invocations: run in the background after the 202, retried as AWS
 * retries them, with AWS's delays multiplied by a time scale so local runs stay quick.
 *
 * - A function error (thrown, timed out, crashed) is retried `MaximumRetryAttempts` times
 *   (default 2), about 1 minute before the first retry and 2 before the second.
 * - A throttled event (and one the executor failed to run) is retried with backoff from 1 s,
 *   doubling up to 5 minutes.
 * - An event older than `MaximumEventAgeInSeconds` (default 6 h) is dropped.
 * Retries keep the event's request id, as on AWS.
 *
 * @module
 */
import type { FunctionExecutor } from "./function_executor.ts";
import type { FunctionRecord } from "./function_record.ts";
import type { FunctionRegistry } from "./function_registry.ts";
import { servingSpec } from "./function_spec.ts";

/** An accepted Event invocation. */
export interface AsyncEvent {
  readonly record: FunctionRecord;
  readonly payload: Uint8Array;
  readonly requestId: string;
  readonly invokedFunctionArn: string;
}

/** Runs Event invocations in the background. */
export interface AsyncInvocationQueue {
  /** Accepts an event; it starts at once (in the background). */
  enqueue(event: AsyncEvent): void;
  /** Stops: pending retries are cancelled and nothing new starts. */
  close(): void;
}

/** How the queue runs events. */
export interface AsyncInvocationOptions {
  readonly registry: FunctionRegistry;
  readonly executor: FunctionExecutor;
  /** Multiplies every AWS delay and age (1 = real time). */
  readonly timeScale: number;
}

const RETRY_DELAY_MS = 60_000;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 300_000;
const DEFAULT_MAX_AGE_SECONDS = 21_600;
const DEFAULT_RETRIES = 2;
/** Keeps a zero time scale from turning throttle backoff into a busy loop. */
const MIN_BACKOFF_MS = 10;

interface Job extends AsyncEvent {
  readonly receivedAt: number;
  retriesDone: number;
  backoffMs: number;
}

/** Creates the queue. */
export function createAsyncInvocationQueue(options: AsyncInvocationOptions): AsyncInvocationQueue {
  const { registry, executor, timeScale } = options;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const later = (ms: number, job: Job) => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void run(job);
    }, ms);
    timers.add(timer);
  };

  const run = async (job: Job) => {
    // A deleted (or deleted and re-created) function drops its events.
    if (closed || registry.get(job.record.name) !== job.record) return;
    const config = job.record.eventInvokeConfig;
    const maxAgeMs = (config?.maximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000 * timeScale;
    const expired = () => Date.now() - job.receivedAt > maxAgeMs;
    const backOff = () => {
      if (expired()) return;
      later(Math.max(MIN_BACKOFF_MS, job.backoffMs * timeScale), job);
      job.backoffMs = Math.min(job.backoffMs * 2, MAX_BACKOFF_MS);
    };
    if (job.record.reservedConcurrency === 0) return backOff();
    let failed: boolean;
    try {
      const result = await executor.invoke(servingSpec(job.record), {
        requestId: job.requestId,
        payload: job.payload,
        invokedFunctionArn: job.invokedFunctionArn,
      });
      failed = result.outcome === "error";
    } catch {
      // Throttles (ConcurrencyLimitExceeded) and failures to run at all are retried with
      // backoff, as AWS retries its own 429s and 5xx.
      if (!closed) backOff();
      return;
    }
    const retries = config?.maximumRetryAttempts ?? DEFAULT_RETRIES;
    if (failed && job.retriesDone < retries && !expired()) {
      job.retriesDone += 1;
      later(job.retriesDone * RETRY_DELAY_MS * timeScale, job);
    }
  };

  return {
    enqueue(event) {
      later(0, { ...event, receivedAt: Date.now(), retriesDone: 0, backoffMs: FIRST_BACKOFF_MS });
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
