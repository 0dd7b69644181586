/**
 * `poll`: waits for a task's outcome — Lambda's answer or the outcome object in S3, whichever
 * comes first — on a schedule that starts fast and backs off to `pollFreq`, bounded by the
 * timeout plus a grace period.
 *
 * @module
 */
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { Deferred, Effect } from "effect";
import { AwsClients } from "../aws/aws_clients.ts";
import { TaskTimedOut } from "./errors/outcome_errors.ts";
import type { Invocation, InvocationFailure } from "./invoke.ts";
import { outcomePollSchedule } from "./schedules.ts";
import type { StagedTask } from "./staged_task.ts";

/** Extra wait beyond the function's timeout before giving up on an outcome, seconds. */
export const POLL_GRACE_SECONDS = 30;

/**
 * How to wait.
 *
 * @example Poll a long task at most every ten seconds
 * ```ts
 * import type { PollSettings } from "@covalent/awslambda";
 * const settings: PollSettings = { timeoutSeconds: 900, pollFreqSeconds: 10 };
 * ```
 */
export interface PollSettings {
  /** The function's timeout, seconds. */
  readonly timeoutSeconds: number;
  /** Longest pause between two S3 checks, seconds. */
  readonly pollFreqSeconds: number;
  /**
   * Extra wait beyond the timeout for the outcome to show up, seconds.
   * @default {30}
   */
  readonly graceSeconds?: number;
}

/**
 * Resolves when the outcome document exists; fails with the invocation's typed failure, or
 * with `TaskTimedOut` when nothing arrives within the timeout and grace.
 *
 * @example
 * ```ts
 * import { poll, type Invocation, type StagedTask } from "@covalent/awslambda";
 * declare const invocation: Invocation, staged: StagedTask;
 * const waiting = poll(invocation, staged, { timeoutSeconds: 60, pollFreqSeconds: 5 });
 * ```
 */
export const poll: (
  invocation: Invocation,
  staged: StagedTask,
  settings: PollSettings,
) => Effect.Effect<void, InvocationFailure | TaskTimedOut, AwsClients> = Effect.fn("poll")(function* (
  invocation: Invocation,
  staged: StagedTask,
  settings: PollSettings,
) {
  const { s3 } = yield* AwsClients;
  const outcomeExists = Effect.tryPromise({
    try: (signal) =>
      s3.send(new HeadObjectCommand({ Bucket: staged.bucket, Key: staged.outcomeKey }), {
        abortSignal: signal,
      }),
    catch: (reason) => reason,
  }).pipe(
    Effect.as(true),
    // Not there yet, or a passing S3 error: keep polling either way.
    Effect.catch(() => Effect.succeed(false)),
  );
  const outcomeInS3 = outcomeExists.pipe(
    Effect.repeat({ schedule: outcomePollSchedule(settings.pollFreqSeconds), until: (found) => found }),
    Effect.asVoid,
  );
  const grace = settings.graceSeconds ?? POLL_GRACE_SECONDS;
  const limit = settings.timeoutSeconds + grace;
  yield* Effect.raceFirst(Deferred.await(invocation.answer), outcomeInS3).pipe(
    Effect.timeoutOrElse({
      duration: `${limit} seconds`,
      orElse: () =>
        Effect.fail(
          new TaskTimedOut({
            timeoutSeconds: settings.timeoutSeconds,
            logTail: "",
            message:
              `No outcome for task ${staged.taskId} within ${limit} s (timeout ${settings.timeoutSeconds} s ` +
              `plus ${grace} s grace). The function may still be running; raise \`timeout\`.`,
          }),
        ),
    }),
  );
});
