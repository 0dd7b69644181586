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
   * tracked until it ends, and runs with the caller's services.
   */
  start<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Fiber.Fiber<A, E>, never, R>;
  /**
   * Waits up to `ms` for everything started to end, then interrupts what is left; returns
   * how many were still running.
   */
  drain(ms: number): Effect.Effect<number>;
}

/** Makes an empty set of background work. */
export function makeBackgroundWork(): BackgroundWork {
  // Keyed by a token made before the fork: a fiber that ends at once removes itself even
  // before its handle is known.
  const running = new Map<object, Fiber.Fiber<unknown, unknown>>();
  const ended = new Set<object>();
  return {
    start: (effect) =>
      Effect.gen(function* () {
        const token = {};
        // Started at once, on the caller's turn: no scheduler hop on every task's path.
        const fiber = yield* Effect.forkDetach(
          effect.pipe(Effect.ensuring(Effect.sync(() => {
            if (!running.delete(token)) ended.add(token);
          }))),
          { startImmediately: true },
        );
        if (!ended.delete(token)) running.set(token, fiber);
        return fiber;
      }),
    drain: (ms) =>
      Effect.gen(function* () {
        if (running.size === 0) return 0;
        const all = yield* Fiber.awaitAll([...running.values()]).pipe(Effect.timeoutOption(ms));
        if (all._tag === "Some") return 0;
        const left = running.size;
        yield* Fiber.interruptAll([...running.values()]);
        return left;
      }),
  };
}
