/**
 * `cleanup`: removes what one task left: its S3 objects and its local cache files. Failures
 * are logged as warnings and never replace the task's own outcome.
 *
 * @module
 */
import { DeleteObjectsCommand } from "@aws-sdk/client-s3";
import { Effect } from "effect";
import { rm } from "node:fs/promises";
import { AwsClients } from "../aws/aws_clients.ts";
import type { StagedTask } from "./staged_task.ts";

/**
 * Deletes the task and outcome objects and the local copy. Never fails.
 *
 * @example
 * ```ts
 * import { cleanup, type StagedTask } from "@covalent/awslambda";
 * declare const staged: StagedTask;
 * const tidy = cleanup(staged);
 * ```
 */
export const cleanup: (staged: StagedTask) => Effect.Effect<void, never, AwsClients> = Effect.fn("cleanup")(
  function* (staged: StagedTask) {
    const { s3 } = yield* AwsClients;
    yield* Effect.tryPromise(() =>
      s3.send(
        new DeleteObjectsCommand({
          Bucket: staged.bucket,
          Delete: { Objects: [{ Key: staged.taskKey }, { Key: staged.outcomeKey }], Quiet: true },
        }),
      )
    ).pipe(
      Effect.flatMap((result) =>
        result.Errors && result.Errors.length > 0
          ? Effect.logWarning(
            `cleanup of task ${staged.taskId} left objects: ${
              result.Errors.map((e) => `${e.Key} (${e.Code})`).join(", ")
            }`,
          )
          : Effect.void
      ),
      Effect.catch((error) =>
        Effect.logWarning(`cleanup of task ${staged.taskId} in S3 failed: ${String(error)}`)
      ),
    );
    yield* Effect.tryPromise(() => rm(staged.localDir, { recursive: true, force: true })).pipe(
      Effect.catch((error) => Effect.logWarning(`cleanup of ${staged.localDir} failed: ${String(error)}`)),
    );
    yield* Effect.logDebug(`cleaned up task ${staged.taskId}`);
  },
);
