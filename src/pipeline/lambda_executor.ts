/**
 * The `LambdaExecutor` service: what an executor offers (run one task, map many, its statistics),
 * the errors of its runs and of building it, and its service key. `run.ts` builds it.
 *
 * @module
 */
import { Context, type Effect } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import type { ConfigError, CredentialsError } from "../config/config_error.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import type { Task } from "../task/task.ts";
import type { ExecutorStats } from "./cost_stats.ts";
import type { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "./errors/bucket_errors.ts";
import type { DeployError, RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";
import type { InvokeError, Throttled } from "./errors/invoke_errors.ts";
import type { ResultDecodeError, TaskFailed, TaskTimedOut } from "./errors/outcome_errors.ts";
import type { StagingError, TaskEncodingError } from "./errors/staging_errors.ts";
import type { Indexed, MapProgress, SettledResult } from "./map_tasks.ts";
import type { StageStats } from "./stage_stats.ts";

/**
 * Identifies a task within a workflow (both generated when absent).
 *
 * @example Name a task within a workflow
 * ```ts
 * import type { RunMeta } from "@covalent/awslambda";
 * const meta: RunMeta = { dispatchId: "8f2c-dispatch", nodeId: 4 };
 * ```
 */
export interface RunMeta {
  /** The workflow dispatch the task belongs to. */
  readonly dispatchId?: string;
  /** The task's node in the workflow graph. */
  readonly nodeId?: string | number;
}

/**
 * Every way a run can fail.
 *
 * @example Handle every failure by tag
 * ```ts
 * import { Effect } from "effect";
 * import { LambdaExecutor, type RunError } from "@covalent/awslambda";
 * const describe = (error: RunError) => `${error._tag}: ${error.message}`;
 * const safe = LambdaExecutor.use((l) => l.run(() => 1, [])).pipe(Effect.catch((e) => Effect.succeed(describe(e))));
 * ```
 */
export type RunError =
  | TaskEncodingError
  | StagingError
  | BucketNotFound
  | CredentialsError
  | DeployError
  | RoleNotFound
  | RoleNotAssumable
  | InvokeError
  | Throttled
  | TaskFailed
  | TaskTimedOut
  | ResultDecodeError;

/**
 * Every way building an executor can fail: configuration, credentials, the staging bucket
 * (missing, not the caller's, in another region), or AWS itself (unreachable, say).
 *
 * @example
 * ```ts
 * import type { ExecutorBuildError } from "@covalent/awslambda";
 * const explain = (error: ExecutorBuildError) => `${error._tag}: ${error.message}`;
 * ```
 */
export type ExecutorBuildError =
  | ConfigError
  | CredentialsError
  | AwsError
  | BucketNotFound
  | BucketAccessDenied
  | BucketRegionMismatch;

/**
 * How to fan out.
 *
 * @example
 * ```ts
 * import type { MapOptions } from "@covalent/awslambda";
 * const options: MapOptions = { concurrency: 32, onProgress: (p) => console.log(p.done, p.failed) };
 * ```
 */
export interface MapOptions {
  /**
   * Most items of this `map` in flight at once (the executor's `maxConcurrency` bounds all
   * its runs together).
   * @default {the executor's maxConcurrency}
   */
  readonly concurrency?: number;
  /** Called on every change of the done/failed/running/queued counts. */
  readonly onProgress?: (progress: MapProgress) => void;
}

/**
 * Runs tasks on AWS Lambda.
 *
 * @example Use the service in an Effect program
 * ```ts
 * import { Effect } from "effect";
 * import { LambdaExecutor } from "@covalent/awslambda";
 * const doubled = LambdaExecutor.use((lambda) => lambda.run((n: number) => n * 2, [21]));
 * ```
 */
export interface LambdaExecutor {
  /** The resolved configuration. */
  readonly config: ExecutorConfig;
  /** Most runs in flight at once. */
  readonly maxConcurrency: number;
  /** Runs one task and returns its value. */
  // deno-lint-ignore no-explicit-any
  run<Args extends readonly any[], R>(
    task: Task<Args, R>,
    args: Args,
    meta?: RunMeta,
  ): Effect.Effect<Awaited<R>, RunError>;
  /**
   * Runs the task once per arguments list, results in input order. The first failure fails
   * the whole with that item's error annotated with its `index`; the rest are cancelled and
   * leave nothing behind.
   */
  // deno-lint-ignore no-explicit-any
  map<Args extends readonly any[], R>(
    task: Task<Args, R>,
    argsList: Iterable<Args> | AsyncIterable<Args>,
    options?: MapOptions,
  ): Effect.Effect<Awaited<R>[], Indexed<RunError>>;
  /** Like `map`, but runs every item and returns each result in `Promise.allSettled`'s shape. */
  // deno-lint-ignore no-explicit-any
  mapSettled<Args extends readonly any[], R>(
    task: Task<Args, R>,
    argsList: Iterable<Args> | AsyncIterable<Args>,
    options?: MapOptions,
  ): Effect.Effect<SettledResult<Awaited<R>, Indexed<RunError>>[]>;
  /** Per-stage timing statistics of every run so far (bounded in memory). */
  timings(): readonly StageStats[];
  /**
   * What the tasks cost so far: billed duration and memory from each invocation's REPORT line,
   * Lambda and S3 requests, and dollars at list prices.
   */
  stats(): ExecutorStats;
}

/**
 * The service key of `LambdaExecutor`.
 *
 * @example Provide it with its layer
 * ```ts
 * import { Effect } from "effect";
 * import { LambdaExecutor, lambdaExecutorLayer } from "@covalent/awslambda";
 * const program = LambdaExecutor.use((lambda) => lambda.run(() => "hi", []));
 * await Effect.runPromise(program.pipe(Effect.provide(lambdaExecutorLayer({ endpoint: "local" }))));
 * ```
 */
export const LambdaExecutor: Context.Service<LambdaExecutor, LambdaExecutor> = Context.Service<
  LambdaExecutor
>("@covalent/awslambda/LambdaExecutor");
