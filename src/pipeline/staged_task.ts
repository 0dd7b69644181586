/**
 * What the stage step produces: where a task and its outcome live.
 *
 * @module
 */

/** A task uploaded to S3, ready to be invoked. */
export interface StagedTask {
  /** `<dispatchId>/<nodeId>`: the task's id in logs and messages. */
  readonly taskId: string;
  /** Dispatch id (generated when not given). */
  readonly dispatchId: string;
  /** Node id within the dispatch (generated when not given). */
  readonly nodeId: string;
  /** Staging bucket. */
  readonly bucket: string;
  /** Key of the task document. */
  readonly taskKey: string;
  /** Key the runtime writes the outcome document to. */
  readonly outcomeKey: string;
  /** Local directory holding the staged copy (under `cacheDir`). */
  readonly localDir: string;
}
