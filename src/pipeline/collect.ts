/**
 * `collect`: downloads the outcome document and turns it into the task's value, or into a
 * `TaskFailed` carrying the remote error and the task's output.
 *
 * @module
 */
import { Effect } from "effect";
import { S3Api } from "../aws/s3_api.ts";
import { OUTCOME_FORMAT, type OutcomeDocument } from "../runtime/protocol.ts";
import { decodeValue } from "../task/value_codec.ts";
import { ResultDecodeError, TaskFailed } from "./errors/outcome_errors.ts";
import type { StagedTask } from "./staged_task.ts";

/**
 * Reads the task's outcome. A task that threw fails with `TaskFailed` (remote name, message,
 * stack, stdout, stderr); an unreadable outcome fails with `ResultDecodeError`.
 *
 * @example
 * ```ts
 * import { collect, type StagedTask } from "@covalent/awslambda";
 * declare const staged: StagedTask;
 * const value = collect(staged);
 * ```
 */
export const collect: (
  staged: StagedTask,
) => Effect.Effect<unknown, TaskFailed | ResultDecodeError, S3Api> = Effect.fn("collect")(
  function* (staged: StagedTask) {
    const s3 = yield* S3Api;
    const location = `s3://${staged.bucket}/${staged.outcomeKey}`;
    const unreadable = (reason: ResultDecodeError["reason"]) =>
      new ResultDecodeError({ taskId: staged.taskId, location, reason });
    const text = yield* s3.getText(staged.bucket, staged.outcomeKey).pipe(Effect.mapError(unreadable));
    const outcome = yield* Effect.try({
      try: () => JSON.parse(text) as OutcomeDocument,
      catch: (reason) => unreadable(`it is not JSON (${reason})`),
    });
    if (outcome?.format !== OUTCOME_FORMAT) {
      return yield* unreadable(`unknown outcome format ${JSON.stringify(outcome?.format)}`);
    }
    const value = yield* Effect.try({
      try: () => decodeValue(outcome.value),
      catch: (reason) => unreadable(`the value cannot be decoded (${reason})`),
    });
    if (outcome.ok) return value;
    return yield* remoteFailure(value, outcome);
  },
);

function remoteFailure(thrown: unknown, outcome: OutcomeDocument): Effect.Effect<never, TaskFailed> {
  const isError = thrown instanceof Error;
  const remoteName = isError ? thrown.name : typeof thrown;
  const remoteMessage = isError ? thrown.message : String(thrown);
  return Effect.fail(
    new TaskFailed({
      remoteName,
      remoteMessage,
      remoteStack: isError ? thrown.stack : undefined,
      remoteError: thrown,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      logTail: "",
      message: `The task threw ${remoteName}: ${remoteMessage}`,
    }),
  );
}
