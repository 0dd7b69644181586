/**
 * The scheduler the executor's fibers run on: Effect's own, but yielding with the runtime's
 * `setImmediate` instead of `setTimeout(0)`. Deno has no global `setImmediate`, so Effect falls
 * back to `setTimeout(0)`, which costs up to a millisecond per hop (and four once nested) —
 * several hops per task, on the warm path of every run.
 *
 * @module
 */
import { Scheduler } from "effect";
import { clearImmediate, setImmediate } from "node:timers";

/** One scheduler for every executor. */
export const immediateScheduler: Scheduler.Scheduler = new Scheduler.MixedScheduler("async", (task) => {
  const handle = setImmediate(task);
  return () => clearImmediate(handle);
});
