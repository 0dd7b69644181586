/**
 * The policy for retrying throttled invocations, as a context reference: the default schedule
 * unless a program provides its own.
 *
 * @module
 */
import { Context, type Schedule } from "effect";
import { throttleRetrySchedule } from "./schedules.ts";

/**
 * How a throttled invocation is retried after the SDK's own attempts; defaults to
 * `throttleRetrySchedule` (jittered backoff from 1 s to 10 s, five more tries). A task's own
 * failure is never retried.
 *
 * @example Give up after one more try
 * ```ts
 * import { Effect, Schedule } from "effect";
 * import { LambdaExecutor, ThrottleRetryPolicy } from "@covalent/awslambda";
 * const once = LambdaExecutor.use((lambda) => lambda.run(() => 1, [])).pipe(
 *   Effect.provideService(ThrottleRetryPolicy, Schedule.recurs(1)),
 * );
 * ```
 */
export const ThrottleRetryPolicy: Context.Reference<Schedule.Schedule<unknown>> = Context.Reference<
  Schedule.Schedule<unknown>
>("@covalent/awslambda/ThrottleRetryPolicy", { defaultValue: () => throttleRetrySchedule });
