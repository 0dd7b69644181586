/**
 * When the runtime tries an S3 transfer again: jittered exponential backoff, bounded both in
 * attempts and in total time so a transfer gives up well inside the task's Lambda timeout.
 *
 * @module
 */

/** The retry schedule of S3 transfers. */
export interface RetrySchedule {
  /** Most attempts, the first included. */
  readonly maxAttempts: number;
  /** Wait before the second attempt, ms; each later wait doubles. */
  readonly baseDelayMs: number;
  /** Each wait is drawn uniformly within ± this fraction of its nominal value. */
  readonly jitter: number;
  /** No attempt starts later than this after the first one began, ms. */
  readonly maxElapsedMs: number;
}

/**
 * The runtime's schedule: 5 attempts, waiting about 100, 200, 400 and 800 ms (each ±20 %), so a
 * transfer that keeps failing gives up after about 1.5 s of waiting, and never retries once 10 s
 * have passed since it began.
 */
export const TRANSFER_RETRY: RetrySchedule = {
  maxAttempts: 5,
  baseDelayMs: 100,
  jitter: 0.2,
  maxElapsedMs: 10_000,
};

/**
 * How long to wait before the next attempt, or `undefined` when the schedule is spent.
 *
 * @param schedule The schedule.
 * @param attempt How many attempts have been made (1 after the first).
 * @param elapsedMs Time since the first attempt began, ms.
 * @param random A number in [0, 1), e.g. `Math.random()`.
 * @returns The wait in ms, or `undefined` to give up.
 *
 * @example
 * ```ts
 * retryDelayMs(TRANSFER_RETRY, 1, 0, 0.5); // 100
 * retryDelayMs(TRANSFER_RETRY, 5, 0, 0.5); // undefined
 * ```
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  attempt: number,
  elapsedMs: number,
  random: number,
): number | undefined {
  if (attempt >= schedule.maxAttempts) return undefined;
  const nominal = schedule.baseDelayMs * 2 ** (attempt - 1);
  const delay = nominal * (1 + schedule.jitter * (2 * random - 1));
  return elapsedMs + delay > schedule.maxElapsedMs ? undefined : delay;
}
