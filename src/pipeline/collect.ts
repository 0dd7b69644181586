/**
 * `collect`: downloads the outcome document and turns it into the task's value, or into a
 * `TaskFailed` carrying the remote error and the task's output.
 *
 * @module
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Effect } from "effect";
import { AwsClients } from "../aws/aws_clients.ts";
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
) => Effect.Effect<unknown, TaskFailed | ResultDecodeError, AwsClients> = Effect.fn("collect")(
  function* (staged: StagedTask) {
    const { s3 } = yield* AwsClients;
    const location = `s3://${staged.bucket}/${staged.outcomeKey}`;
    const unreadable = (reason: unknown, what: string) =>
      new ResultDecodeError({
        location,
        reason,
        message: `Cannot read the outcome of task ${staged.taskId} at ${location} (something else may have ` +
          `changed or removed it; run with cleanup = false to inspect it): ${what}: ${
            reason instanceof Error ? reason.message : String(reason)
          }`,
      });
    const text = yield* Effect.tryPromise({
      try: async (signal) => {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: staged.bucket, Key: staged.outcomeKey }),
          {
            abortSignal: signal,
          },
        );
        return await object.Body!.transformToString("utf-8");
      },
      catch: (reason) => unreadable(reason, "download failed"),
    });
    const outcome = yield* Effect.try({
      try: () => JSON.parse(text) as OutcomeDocument,
      catch: (reason) => unreadable(reason, "not JSON"),
    });
    if (outcome?.format !== OUTCOME_FORMAT) {
      return yield* unreadable(outcome?.format, "unknown outcome format");
    }
    const value = yield* Effect.try({
      try: () => decodeValue(outcome.value),
      catch: (reason) => unreadable(reason, "the value cannot be decoded"),
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
