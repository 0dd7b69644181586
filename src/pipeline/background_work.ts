/**
 * Work an executor lets finish after the run that started it was abandoned: an invocation in
 * flight (never aborted, so it cannot run twice), and the removal of what it wrote once it
 * ends. Closing the executor waits for it, for a bounded time.
 *
 * @module
 */
import { Effect, Fiber } from "effect";

/** The executor's background work. */
export interface BackgroundWork {
  /**
   * Starts `effect` detached from the caller: interrupting the caller does not stop it. It is
   * tracked until it ends.
   */
  start<A, E>(effect: Effect.Effect<A, E>): Effect.Effect<Fiber.Fiber<A, E>>;
  /**
   * Waits up to `ms` for everything started to end, then interrupts what is left; returns
   * how many were still running.
   */
  drain(ms: number): Effect.Effect<number>;
}

/** Makes an empty set of background work. */
export function makeBackgroundWork(): BackgroundWork {
  const running = new Set<Fiber.Fiber<unknown, unknown>>();
  return {
    start: (effect) =>
      Effect.gen(function* () {
        const fiber = yield* Effect.forkDetach(effect);
        running.add(fiber);
        yield* Effect.forkDetach(
          Fiber.await(fiber).pipe(Effect.ensuring(Effect.sync(() => running.delete(fiber)))),
        );
        return fiber;
      }),
    drain: (ms) =>
      Effect.gen(function* () {
        if (running.size === 0) return 0;
        yield* Fiber.awaitAll([...running]).pipe(Effect.timeoutOption(ms), Effect.asVoid);
        const left = running.size;
        yield* Fiber.interruptAll([...running]);
        return left;
      }),
  };
}
