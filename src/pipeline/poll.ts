/**
 * `poll`: waits for a task's outcome — Lambda's answer or the outcome object in S3, whichever
 * comes first — on a schedule that starts fast and backs off to `pollFreq`, bounded by the
 * timeout plus a grace period.
 *
 * @module
 */
import { Deferred, Effect } from "effect";
import type { AwsErrorReason } from "../aws/aws_error.ts";
import { S3Api } from "../aws/s3_api.ts";
import { ResultDecodeError, TaskTimedOut } from "./errors/outcome_errors.ts";
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
 * Resolves when the outcome document exists; fails with the invocation's typed failure, with
 * `ResultDecodeError` when S3 refuses to say (access denied, wrong credentials, endpoint
 * gone), or with `TaskTimedOut` when nothing arrives within the timeout and grace. Passing
 * trouble (throttling, a 5xx, a broken connection) only means "not yet".
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
) => Effect.Effect<void, InvocationFailure | TaskTimedOut | ResultDecodeError, S3Api> = Effect.fn("poll")(
  function* (
    invocation: Invocation,
    staged: StagedTask,
    settings: PollSettings,
  ) {
    const s3 = yield* S3Api;
    const outcomeExists = s3.exists(staged.bucket, staged.outcomeKey).pipe(
      Effect.catchIf((error) => isPassing(error.reason), () => Effect.succeed(false)),
      Effect.mapError((reason) =>
        new ResultDecodeError({
          taskId: staged.taskId,
          location: `s3://${staged.bucket}/${staged.outcomeKey}`,
          reason,
        })
      ),
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
  },
);

/** Trouble that passes: worth another look rather than giving up. */
function isPassing(reason: AwsErrorReason): boolean {
  return reason._tag === "Throttled" || reason._tag === "ServiceFailure" ||
    (reason._tag === "Transport" && (reason.kind === "reset" || reason.kind === "timeout"));
}
