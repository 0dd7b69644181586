/**
 * `decode`: turns the runtime's answer into the task's value, or into `TaskFailed` carrying the
 * remote error and the task's output. A spilled outcome is read from S3 (retrying passing
 * trouble); a dropped connection falls back to the durable copy a long task leaves in S3.
 *
 * @module
 */
import { Effect, Schedule } from "effect";
import type { AwsErrorReason } from "../aws/aws_error.ts";
import { S3Api } from "../aws/s3_api.ts";
import { readRequests } from "../runtime/byte_ranges.ts";
import type { OutcomeRecord } from "../runtime/protocol.ts";
import { decodeValue } from "../task/value_codec.ts";
import { decodeValueParts } from "../task/value_parts.ts";
import { InvokeError } from "./errors/invoke_errors.ts";
import { ResultDecodeError, TaskFailed } from "./errors/outcome_errors.ts";
import { DURABLE_AFTER_MS, type InvocationReply } from "./invoke.ts";
import { outcomePollSchedule } from "./schedules.ts";

/**
 * Where a run's outcome may be, and how long to wait for it after a dropped connection.
 *
 * @example
 * ```ts
 * import type { DecodeSettings } from "@covalent/awslambda";
 * const settings: DecodeSettings = { taskId: "d/n", functionName: "f", bucket: "b", outcomeKey: "k", timeoutSeconds: 60, pollFreqSeconds: 5 };
 * ```
 */
export interface DecodeSettings {
  /** The task, for messages. */
  readonly taskId: string;
  /** The function invoked. */
  readonly functionName: string;
  /** Staging bucket. */
  readonly bucket: string;
  /** Key of the outcome object. */
  readonly outcomeKey: string;
  /** The function's timeout, seconds. */
  readonly timeoutSeconds: number;
  /** Longest pause between two looks for a durable outcome, seconds. */
  readonly pollFreqSeconds: number;
  /** Told of the S3 GET-class requests each look and read makes (for the executor's costs). */
  readonly countReads?: (requests: number) => void;
}

/** Extra wait for a durable outcome beyond the function's timeout, seconds. */
const RECOVERY_GRACE_SECONDS = 30;

/** Passing trouble reading an outcome: worth a few more tries. */
const readRetry = Schedule.exponential("200 millis", 2).pipe(Schedule.jittered, Schedule.upTo({ times: 4 }));

/**
 * Decodes a reply. A task that threw fails with `TaskFailed`; an outcome that cannot be read
 * fails with `ResultDecodeError` (and is left in S3 for inspection); a dropped connection
 * with no durable outcome fails with `InvokeError` saying the task may have run.
 *
 * @example
 * ```ts
 * import { decode, type DecodeSettings, type InvocationReply } from "@covalent/awslambda";
 * declare const reply: InvocationReply, settings: DecodeSettings;
 * const value = decode(reply, settings);
 * ```
 */
export const decode: (
  reply: InvocationReply,
  settings: DecodeSettings,
) => Effect.Effect<unknown, TaskFailed | ResultDecodeError | InvokeError, S3Api> = Effect.fnUntraced(
  function* (
    reply: InvocationReply,
    settings: DecodeSettings,
  ) {
    const location = `s3://${settings.bucket}/${settings.outcomeKey}`;
    const unreadable = (reason: ResultDecodeError["reason"], where = location) =>
      new ResultDecodeError({ taskId: settings.taskId, location: where, reason });
    const s3 = yield* S3Api;
    // Built only when the outcome is in S3 (most answers carry it inline).
    const readRecord = (size?: number) =>
      Effect.suspend(() => {
        settings.countReads?.(readRequests(size));
        return s3.getBytes(settings.bucket, settings.outcomeKey, size);
      }).pipe(
        Effect.retry({ schedule: readRetry, while: (e) => isPassing(e.reason) }),
        Effect.mapError((e) => unreadable(e)),
        Effect.flatMap((bytes) =>
          Effect.try({
            try: () => decodeValueParts(bytes) as OutcomeRecord,
            catch: (problem) => unreadable(`it cannot be decoded (${problem})`),
          })
        ),
      );
    if (reply._tag === "Dropped") {
      const invokeError = new InvokeError({
        functionName: settings.functionName,
        reason: reply.reason,
        mayHaveRun: true,
      });
      // A short task leaves nothing in S3: there is nothing to wait for.
      if (reply.afterMs < DURABLE_AFTER_MS) return yield* invokeError;
      const deadline = (settings.timeoutSeconds + RECOVERY_GRACE_SECONDS) * 1000 - reply.afterMs;
      const look = Effect.suspend(() => {
        settings.countReads?.(1);
        return s3.exists(settings.bucket, settings.outcomeKey);
      });
      const found = yield* look.pipe(
        Effect.catchIf((e) => isPassing(e.reason), () => Effect.succeed(false)),
        Effect.repeat({ schedule: outcomePollSchedule(settings.pollFreqSeconds), until: (there) => there }),
        Effect.timeoutOption(Math.max(0, deadline)),
        Effect.mapError((e) => unreadable(e)),
      );
      if (found._tag === "None" || !found.value) return yield* invokeError;
      yield* Effect.logInfo(`the Invoke connection broke; the outcome was recovered from ${location}`);
      return yield* fromRecord(yield* readRecord());
    }
    const { answer } = reply;
    if (answer.value === undefined) return yield* fromRecord(yield* readRecord(answer.spilledBytes));
    const value = yield* Effect.try({
      try: () => decodeValue(answer.value!),
      catch: (problem) => unreadable(`the value cannot be decoded (${problem})`, "the Invoke answer"),
    });
    if (answer.ok) return value;
    return yield* remoteFailure(value, answer.stdout, answer.stderr, reply.logTail);
  },
);

function fromRecord(record: OutcomeRecord): Effect.Effect<unknown, TaskFailed> {
  return record.ok
    ? Effect.succeed(record.value)
    : remoteFailure(record.value, record.stdout, record.stderr, "");
}

function remoteFailure(
  thrown: unknown,
  stdout: string,
  stderr: string,
  logTail: string,
): Effect.Effect<never, TaskFailed> {
  const isError = thrown instanceof Error;
  const remoteName = isError ? thrown.name : typeof thrown;
  const remoteMessage = isError ? thrown.message : String(thrown);
  return Effect.fail(
    new TaskFailed({
      remoteName,
      remoteMessage,
      remoteStack: isError ? thrown.stack : undefined,
      remoteError: thrown,
      stdout,
      stderr,
      logTail,
      message: `The task threw ${remoteName}: ${remoteMessage}`,
    }),
  );
}

/** Trouble that passes: worth another look rather than giving up. */
function isPassing(reason: AwsErrorReason): boolean {
  return reason._tag === "Throttled" || reason._tag === "ServiceFailure" ||
    (reason._tag === "Transport" && (reason.kind === "reset" || reason.kind === "timeout"));
}
