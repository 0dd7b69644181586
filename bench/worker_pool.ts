/**
 * Driving an operation at a fixed concurrency: `concurrency` workers take the next index until
 * `count` operations are done.
 *
 * @module
 */

/** How a pooled run went. */
export interface PoolRun {
  readonly elapsedMs: number;
  readonly tasksPerSecond: number;
}

/**
 * Runs `operation(0 … count-1)` with at most `concurrency` in flight; rejects with the first failure.
 */
export async function runPool(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<PoolRun> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) await operation(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const elapsedMs = performance.now() - started;
  return { elapsedMs, tasksPerSecond: count / (elapsedMs / 1000) };
}
