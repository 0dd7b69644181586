/**
 * `stage`: encodes a task and uploads it to S3 under a per-task key, keeping a local copy in
 * the cache directory; with cleanup on, both are removed when the scope closes.
 *
 * @module
 */
import { Effect, type Scope } from "effect";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { S3Api } from "../aws/s3_api.ts";
import { encodeTask } from "../task/encode_task.ts";
import type { Task } from "../task/task.ts";
import { removeStagedFiles, removeStagedObjects } from "./cleanup.ts";
import { BucketNotFound } from "./errors/bucket_errors.ts";
import { StagingError, TaskEncodingError } from "./errors/staging_errors.ts";
import type { StagedTask } from "./staged_task.ts";

/** Prefix of every object key the executor writes (a sweep looks under it). */
export const KEY_PREFIX = "covalent-awslambda";

/**
 * Where and how to stage.
 *
 * @example Stage into a bucket, keeping nothing
 * ```ts
 * import type { StageSettings } from "@covalent/awslambda";
 * const settings: StageSettings = { bucket: "my-bucket", region: "us-east-1", cacheDir: "/tmp/covalent", cleanup: true };
 * ```
 */
export interface StageSettings {
  /** Staging bucket. */
  readonly bucket: string;
  /** Region of the bucket (for messages). */
  readonly region: string;
  /** Local cache directory. */
  readonly cacheDir: string;
  /** Remove the staged objects and files when the scope closes. */
  readonly cleanup: boolean;
  /** Dispatch id; generated when absent. */
  readonly dispatchId?: string;
  /** Node id; generated when absent. */
  readonly nodeId?: string | number;
}

/**
 * Encodes and uploads a task. Encoding problems fail with `TaskEncodingError` before any
 * upload; a missing bucket fails with `BucketNotFound`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { stage } from "@covalent/awslambda";
 * const staged = stage((a: number, b: number) => a + b, [1, 2], {
 *   bucket: "covalent-lambda-job-resources", region: "us-east-1", cacheDir: "/tmp/covalent", cleanup: true,
 * });
 * ```
 */
export const stage: (
  task: Task,
  args: readonly unknown[],
  settings: StageSettings,
) => Effect.Effect<StagedTask, TaskEncodingError | StagingError | BucketNotFound, S3Api | Scope.Scope> =
  Effect
    .fn("stage")(function* (task: Task, args: readonly unknown[], settings: StageSettings) {
      const s3 = yield* S3Api;
      const document = yield* Effect.tryPromise({
        try: () => encodeTask(task, args, settings.cacheDir),
        catch: (problem) =>
          new TaskEncodingError({
            path: (problem as { path?: string }).path ?? "task",
            reason: problem,
            message: (problem as Error).message,
          }),
      });
      const dispatchId = sanitize(settings.dispatchId ?? randomUUID());
      const nodeId = sanitize(String(settings.nodeId ?? randomUUID().slice(0, 8)));
      // A run suffix keeps two runs of the same node from sharing objects.
      const run = randomUUID().slice(0, 8);
      const base = `${KEY_PREFIX}/${dispatchId}/${nodeId}-${run}`;
      const staged: StagedTask = {
        taskId: `${dispatchId}/${nodeId}`,
        dispatchId,
        nodeId,
        runId: run,
        bucket: settings.bucket,
        taskKey: `${base}/task.json`,
        outcomeKey: `${base}/outcome.json`,
        localDir: join(settings.cacheDir, KEY_PREFIX, dispatchId, `${nodeId}-${run}`),
      };
      const body = JSON.stringify(document);
      yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            await mkdir(staged.localDir, { recursive: true });
            await writeFile(join(staged.localDir, "task.json"), body);
          },
          catch: (reason) =>
            new StagingError({
              taskId: staged.taskId,
              bucket: staged.bucket,
              key: staged.taskKey,
              reason: { _tag: "CacheWriteFailure", path: settings.cacheDir, detail: String(reason) },
            }),
        }),
        () => (settings.cleanup ? removeStagedFiles(staged) : Effect.void),
      );
      const upload = s3.put(staged.bucket, staged.taskKey, body, "application/json").pipe(
        Effect.mapError((reason) =>
          reason.reason._tag === "NotFound"
            ? new BucketNotFound({ bucket: staged.bucket, region: settings.region })
            : new StagingError({ taskId: staged.taskId, bucket: staged.bucket, key: staged.taskKey, reason })
        ),
      );
      // The function writes the outcome next to the task, so both go when the scope closes. The
      // removal is registered before the upload, so the upload itself stays interruptible.
      if (settings.cleanup) yield* Effect.addFinalizer(() => removeStagedObjects(staged));
      yield* upload;
      yield* Effect.logDebug(`staged ${body.length} bytes at s3://${staged.bucket}/${staged.taskKey}`);
      return staged;
    });

function sanitize(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) || "_";
}
