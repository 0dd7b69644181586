import { Effect, Fiber, type Schedule } from "effect";
import { TestClock } from "effect/testing";
import { deepStrictEqual as deepEqual } from "node:assert/strict";
import { test } from "node:test";
import { activeWaitSchedule, outcomePollSchedule } from "../../src/pipeline/schedules.ts";

/** The times (ms of virtual clock) at which a repeated effect runs, over `window` ms. */
function runTimes(schedule: Schedule.Schedule<unknown>, windowMs: number): Promise<number[]> {
  return Effect.runPromise(
    Effect.gen(function* () {
      const times: number[] = [];
      const fiber = yield* Effect.forkChild(
        Effect.clockWith((clock) => Effect.sync(() => void times.push(clock.currentTimeMillisUnsafe()))).pipe(
          Effect.repeat(schedule),
        ),
      );
      yield* TestClock.adjust(`${windowMs} millis`);
      yield* Fiber.interrupt(fiber);
      return times;
    }).pipe(Effect.provide(TestClock.layer())),
  );
}

test("outcomePollSchedule() starts at 50 ms and doubles up to poll_freq when polling a long task", async () => {
  const times = await runTimes(outcomePollSchedule(1), 6_000);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  deepEqual(gaps.slice(0, 8), [50, 100, 200, 400, 800, 1000, 1000, 1000]);
});

test("activeWaitSchedule() grows by half from 100 ms and never waits more than a second", async () => {
  const times = await runTimes(activeWaitSchedule, 6_000);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  deepEqual(gaps.slice(0, 8), [100, 150, 225, 337.5, 506.25, 759.375, 1000, 1000]);
});
