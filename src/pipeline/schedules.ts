/**
 * The named schedules of the pipeline: how it waits and how it retries.
 *
 * @module
 */
import { Duration, Schedule } from "effect";

/**
 * Waiting for a new function to become Active: 100 ms, growing by half each time, at most 1 s
 * apart (a zip function is usually Active within a few seconds).
 *
 * @example Wait for something of your own the same way
 * ```ts
 * import { Effect } from "effect";
 * import { activeWaitSchedule } from "@covalent/awslambda";
 * declare const isReady: Effect.Effect<boolean>;
 * const ready = isReady.pipe(Effect.repeat({ schedule: activeWaitSchedule, until: (ok) => ok }));
 * ```
 */
export const activeWaitSchedule: Schedule.Schedule<unknown> = Schedule.min([
  Schedule.exponential("100 millis", 1.5),
  Schedule.spaced("1 second"),
]);

/**
 * Retrying a throttled invocation: 250 ms doubling to at most 10 s apart, with jitter, for up
 * to two minutes (the SDK does not retry Invoke itself, so each try is one request, and a
 * `Retry-After` from Lambda is waited out first). The default of `ThrottleRetryPolicy`.
 *
 * @example Keep the backoff, but give up after thirty seconds
 * ```ts
 * import { Effect, Schedule } from "effect";
 * import { LambdaExecutor, ThrottleRetryPolicy } from "@covalent/awslambda";
 * const bounded = LambdaExecutor.use((lambda) => lambda.run(() => 1, [])).pipe(
 *   Effect.provideService(
 *     ThrottleRetryPolicy,
 *     Schedule.exponential("250 millis", 2).pipe(Schedule.jittered, Schedule.upTo({ duration: "30 seconds" })),
 *   ),
 * );
 * ```
 */
export const throttleRetrySchedule: Schedule.Schedule<unknown> = Schedule.min([
  Schedule.exponential("250 millis", 2),
  Schedule.spaced("10 seconds"),
]).pipe(Schedule.jittered, Schedule.upTo({ duration: "2 minutes" }));

/**
 * Retrying CreateFunction while Lambda cannot yet assume a just-created role (IAM is
 * eventually consistent, and AWS says propagation can take a minute or more): 1 s growing by
 * half to at most 10 s apart, for up to 70 seconds.
 */
export const roleVisibilitySchedule: Schedule.Schedule<unknown> = Schedule.min([
  Schedule.exponential("1 second", 1.5),
  Schedule.spaced("10 seconds"),
]).pipe(Schedule.upTo({ duration: "70 seconds" }));

/**
 * Polling for a task's outcome: starts at 50 ms and doubles up to `pollFreq` seconds, so a
 * short task is seen at once and a long one costs few requests.
 *
 * @example The schedule for poll_freq = 5
 * ```ts
 * import { outcomePollSchedule } from "@covalent/awslambda";
 * const schedule = outcomePollSchedule(5); // 50 ms, 100 ms, 200 ms, … then every 5 s
 * ```
 */
export function outcomePollSchedule(pollFreqSeconds: number): Schedule.Schedule<unknown> {
  return Schedule.min([
    Schedule.exponential("50 millis", 2),
    Schedule.spaced(Duration.millis(Math.max(50, pollFreqSeconds * 1000))),
  ]);
}
