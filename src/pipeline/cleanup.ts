/**
 * `cleanup`: removes what one task left: its S3 objects and its local cache files. Failures
 * are logged as warnings and never replace the task's own outcome.
 *
 * @module
 */
import { Effect } from "effect";
import { rm, rmdir } from "node:fs/promises";
import { dirname } from "node:path";
import { S3Api } from "../aws/s3_api.ts";
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
export const cleanup: (staged: StagedTask) => Effect.Effect<void, never, S3Api> = Effect.fn("cleanup")(
  function* (staged: StagedTask) {
    yield* removeStagedObjects(staged);
    yield* removeStagedFiles(staged);
    yield* Effect.logDebug(`cleaned up task ${staged.taskId}`);
  },
);

/** Deletes the task's objects in S3 (the task and its outcome); failures become warnings. */
export function removeStagedObjects(staged: StagedTask): Effect.Effect<void, never, S3Api> {
  return S3Api.use((s3) => s3.deleteObjects(staged.bucket, [staged.taskKey, staged.outcomeKey])).pipe(
    Effect.flatMap((left) =>
      left.length === 0 ? Effect.void : Effect.logWarning(
        `cleanup of task ${staged.taskId} left objects: ${
          left.map((e) => `${e.key} (${e.code})`).join(", ")
        }`,
      )
    ),
    Effect.catch((error) =>
      Effect.logWarning(`cleanup of task ${staged.taskId} in S3 failed: ${error.message}`)
    ),
  );
}

/** Removes the task's local copy, and its dispatch folder once empty; failures become warnings. */
export function removeStagedFiles(staged: StagedTask): Effect.Effect<void> {
  return Effect.tryPromise(async () => {
    await rm(staged.localDir, { recursive: true, force: true });
    // Other tasks of the same dispatch may still be using the folder: only an empty one goes.
    await rmdir(dirname(staged.localDir)).catch(() => undefined);
  }).pipe(
    Effect.catch((error) => Effect.logWarning(`cleanup of ${staged.localDir} failed: ${describe(error)}`)),
  );
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
