/**
 * What the stage step produces: where a task and its outcome live.
 *
 * @module
 */

/**
 * A task uploaded to S3, ready to be invoked.
 *
 * @example Where a staged task lives
 * ```ts
 * import { Effect } from "effect";
 * import { stage, type StagedTask } from "@covalent/awslambda";
 * const staged = stage(() => 1, [], { bucket: "b", region: "us-east-1", cacheDir: "/tmp/c", cleanup: true });
 * const where = staged.pipe(Effect.map((s: StagedTask) => `s3://${s.bucket}/${s.taskKey}`));
 * ```
 */
export interface StagedTask {
  /** `<dispatchId>/<nodeId>`: the task's id in logs and messages. */
  readonly taskId: string;
  /** Dispatch id (generated when not given). */
  readonly dispatchId: string;
  /** Node id within the dispatch (generated when not given). */
  readonly nodeId: string;
  /** Distinguishes two runs of the same node. */
  readonly runId: string;
  /** Staging bucket. */
  readonly bucket: string;
  /** Key of the task document. */
  readonly taskKey: string;
  /** Key the runtime writes the outcome document to. */
  readonly outcomeKey: string;
  /** Local directory holding the staged copy (under `cacheDir`). */
  readonly localDir: string;
}
