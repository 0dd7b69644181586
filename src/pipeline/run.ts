/**
 * The one file that knows the order of the pipeline: the `LambdaExecutor` service runs a task
 * through encode → deploy → invoke → decode, with cleanup as finalizers, and fans many tasks
 * out with `map`.
 *
 * @module
 */
import { Context, Effect, Exit, Fiber, Layer, Scheduler, type Scope, Semaphore } from "effect";
import { randomUUID } from "node:crypto";
import type { AwsError } from "../aws/aws_error.ts";
import { awsLayer, type AwsServices } from "../aws/aws_layer.ts";
import { AwsSession } from "../aws/aws_session.ts";
import { HOT_PATH_SPAN } from "../aws/hot_path_span.ts";
import { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import type { ConfigError, CredentialsError } from "../config/config_error.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import type { ExecutorOptions } from "../config/executor_options.ts";
import { loadConfig } from "../config/load_config.ts";
import type { Task } from "../task/task.ts";
import { makeBackgroundWork } from "./background_work.ts";
import { makeCodeStore } from "./code_store.ts";
import { decode } from "./decode.ts";
import type { Deployment } from "./deploy.ts";
import { encode, removeQuietly } from "./encode.ts";
import type { ExecutorHooks } from "./executor_hooks.ts";
import { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "./errors/bucket_errors.ts";
import type { DeployError, RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";
import { type InvokeError, Throttled } from "./errors/invoke_errors.ts";
import type { ResultDecodeError, TaskFailed, TaskTimedOut } from "./errors/outcome_errors.ts";
import type { StagingError, TaskEncodingError } from "./errors/staging_errors.ts";
import { type FunctionProvider, perRunFunctions, sharedFunctions } from "./function_provider.ts";
import { buildEvent, type InvocationReply, invoke } from "./invoke.ts";
import { immediateScheduler } from "./immediate_scheduler.ts";
import { keepDocuments } from "./keep_documents.ts";
import {
  type Indexed,
  type MapProgress,
  mapTasks,
  mapTasksSettled,
  type SettledResult,
} from "./map_tasks.ts";
import { chooseRunIds, type RunIds } from "./run_ids.ts";
import { makeStageClock, type StageStats } from "./stage_stats.ts";
import { type ExecutorStats, makeCostCollector } from "./cost_stats.ts";
import { readReportLine } from "./report_line.ts";
import { ThrottleRetryPolicy } from "./throttle_retry_policy.ts";

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

/**
 * Builds an executor from options (merged with Covalent's config file and the environment):
 * resolves the credentials, asks STS for the caller's account, checks the staging bucket (it
 * exists, is the caller's, is in the region) and sizes the concurrency. Closing the layer's
 * scope lets abandoned invocations finish and removes what they wrote (for a bounded time),
 * removes `function_per_task` functions and stored bundles, and stops an embedded local AWS.
 * The shared function stays: it costs nothing idle, and the next executor reuses it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { LambdaExecutor, lambdaExecutorLayer } from "@covalent/awslambda";
 * const program = LambdaExecutor.use((lambda) => lambda.run((a: number, b: number) => a + b, [1, 2]));
 * const sum = await Effect.runPromise(program.pipe(Effect.provide(lambdaExecutorLayer({ endpoint: "local" }))));
 * ```
 */
export function lambdaExecutorLayer(
  options: ExecutorOptions = {},
  hooks: ExecutorHooks = {},
): Layer.Layer<LambdaExecutor, ExecutorBuildError> {
  return Layer.unwrap(
    loadConfig(options).pipe(
      Effect.map((config) =>
        Layer.effect(LambdaExecutor, makeLambdaExecutor(config, hooks)).pipe(Layer.provide(awsLayer(config)))
      ),
    ),
  );
}

/** The most concurrency taken from the account by default: more is rarely faster from one process. */
const DEFAULT_CONCURRENCY_CAP = 512;
/** How long closing waits for abandoned invocations to finish, so it can remove what they wrote. */
const CLOSE_DRAIN_MS = 30_000;

function makeLambdaExecutor(
  config: ExecutorConfig,
  hooks: ExecutorHooks,
): Effect.Effect<
  LambdaExecutor,
  AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch,
  AwsServices | Scope.Scope
> {
  return Effect.gen(function* () {
    const services = yield* Effect.context<AwsServices>();
    yield* checkBucket(config.s3BucketName);
    const maxConcurrency = config.maxConcurrency ?? (yield* accountConcurrency);
    const permits = yield* Semaphore.make(maxConcurrency);
    const settings = {
      runtime: config.runtime,
      memorySize: config.memorySize,
      timeout: config.timeout,
      role: config.lambdaRoleName,
      architecture: config.architecture,
    };
    const functions: FunctionProvider = config.functionPerTask
      ? perRunFunctions(settings, config.cleanup, hooks.onDeployProgress)
      : yield* sharedFunctions(settings, hooks.onDeployProgress);
    const codeStore = makeCodeStore(config.s3BucketName, randomUUID().slice(0, 8));
    const background = makeBackgroundWork();
    const clock = makeStageClock();
    const costs = makeCostCollector(config.architecture);
    yield* Effect.addFinalizer(() =>
      Effect.gen(function* () {
        const left = yield* background.drain(CLOSE_DRAIN_MS);
        if (left > 0) {
          yield* Effect.logWarning(
            `${left} abandoned invocation(s) still running after ${
              CLOSE_DRAIN_MS / 1000
            } s; what they write ` +
              `under s3://${config.s3BucketName}/covalent-awslambda/ is left to \`sweep\` and the bucket's lifecycle rule.`,
          );
        }
        if (config.cleanup && codeStore.keys().length > 0) {
          yield* removeQuietly(config.s3BucketName, codeStore.keys());
        }
      }).pipe(Effect.provideContext(services))
    );

    /** Invokes in the background, holding a permit: an abandoned run lets its invocation finish. */
    const invokeDetached = (
      deployment: Deployment,
      ids: RunIds,
      event: Parameters<typeof invoke>[1],
      cleanupKeys: string[],
    ) =>
      Effect.gen(function* () {
        const retryPolicy = yield* ThrottleRetryPolicy;
        let attempts = 0;
        const once = (d: Deployment) =>
          Effect.suspend(() => (attempts++, invoke(d.functionName, event, config.timeout)));
        const attempt = once(deployment).pipe(
          // The shared function was deleted or went Inactive under us: the task did not run, so
          // deploy (or wake) it and try once more.
          Effect.catchIf(
            (e) =>
              e._tag === "InvokeError" && !e.mayHaveRun && functions.redeployable &&
              (e.reason.reason._tag === "NotFound" || e.reason.reason._tag === "NotReady"),
            () =>
              functions.refresh(deployment).pipe(
                Effect.andThen(Effect.scoped(functions.acquire(ids))),
                Effect.flatMap(once),
              ),
          ),
          // Throttled means it did not run: wait at least as long as Lambda asked, then retry.
          Effect.tapError((e) =>
            e._tag === "Throttled" && e.reason.reason._tag === "Throttled" && e.reason.reason.retryAfterMs
              ? Effect.sleep(e.reason.reason.retryAfterMs)
              : Effect.void
          ),
          Effect.retry({ schedule: retryPolicy, while: (e) => e._tag === "Throttled" }),
          Effect.mapError((e) => e._tag === "Throttled" ? new Throttled({ ...e, attempts }) : e),
          // Counted when the invocation ends, abandoned or not: Lambda bills it either way.
          Effect.onExit((exit) =>
            Effect.sync(() => {
              const tail = Exit.isSuccess(exit)
                ? (exit.value._tag === "Answered" ? exit.value.logTail : "")
                : logTailOf(Exit.findErrorOption(exit));
              const answered = Exit.isSuccess(exit) ? exit.value._tag === "Answered" : tail !== "";
              costs.task(
                ids.taskId,
                answered ? readReportLine(tail) : undefined,
                config.memorySize,
                attempts,
              );
              if (Exit.isSuccess(exit) && exit.value._tag === "Answered" && exit.value.answer.written) {
                costs.s3(1, 0);
              }
            })
          ),
        );
        const fiber = yield* Effect.uninterruptibleMask((restore) =>
          restore(permits.take(1)).pipe(
            Effect.andThen(
              background.start(
                attempt.pipe(Effect.ensuring(permits.release(1)), Effect.provideContext(services)),
              ),
            ),
          )
        );
        return yield* Fiber.join(fiber).pipe(
          Effect.onInterrupt(() =>
            config.cleanup
              ? background.start(
                Fiber.await(fiber).pipe(
                  Effect.andThen(removeQuietly(config.s3BucketName, cleanupKeys)),
                  Effect.provideContext(services),
                ),
              ).pipe(Effect.asVoid)
              : Effect.void
          ),
        );
      });

    const invokeSettings = {
      bucket: config.s3BucketName,
      timeoutSeconds: config.timeout,
      inlineLimit: config.inlineLimit,
    };
    const runOnce = (task: Task, args: readonly unknown[], meta: RunMeta) =>
      Effect.gen(function* () {
        const ids = chooseRunIds(meta.dispatchId, meta.nodeId);
        const time = <A, E, R>(stage: string, effect: Effect.Effect<A, E, R>) =>
          clock.time(stage, ids.taskId, effect);
        const encoded = yield* time(
          "encode",
          encode(task, args, ids, {
            bucket: config.s3BucketName,
            region: config.region,
            cacheDir: config.cacheDir,
            inlineLimit: config.inlineLimit,
            cleanup: config.cleanup,
            codeStore,
          }),
        );
        const deployment = yield* time("deploy", functions.acquire(ids));
        const event = yield* buildEvent(encoded, invokeSettings);
        const cleanupKeys = [encoded.outcomeKey];
        if ("key" in encoded.args) {
          costs.s3(1, 1); // our upload, the function's download
          cleanupKeys.push(encoded.args.key);
        }
        const reply: InvocationReply = yield* time(
          "invoke",
          invokeDetached(deployment, ids, event, cleanupKeys),
        );
        if (!config.cleanup) yield* keepDocuments(config.cacheDir, encoded, reply);
        if (config.cleanup && wroteOutcome(reply)) {
          // Removed once read, or abandoned; an outcome that could not be read stays for inspection.
          yield* Effect.addFinalizer((exit) =>
            unreadable(exit) ? Effect.void : removeQuietly(config.s3BucketName, [encoded.outcomeKey])
          );
        }
        const value = yield* time(
          "decode",
          decode(reply, {
            taskId: ids.taskId,
            functionName: deployment.functionName,
            bucket: config.s3BucketName,
            outcomeKey: encoded.outcomeKey,
            timeoutSeconds: config.timeout,
            pollFreqSeconds: config.pollFreq,
          }),
        );
        return value;
      }).pipe(Effect.scoped);

    const runTask = (task: Task, args: readonly unknown[], meta: RunMeta) =>
      Effect.withSpan(
        runOnce(task, args, meta).pipe(
          // Only on request, for idempotent tasks: what may have run is otherwise never run again.
          Effect.retry({ times: config.retries, while: (e) => e._tag === "InvokeError" && e.mayHaveRun }),
          Effect.provideContext(services),
          Effect.annotateLogs({ executor: "awslambda" }),
        ),
        // Data-first: only this form passes the options on to the span's stack-trace capture.
        "LambdaExecutor.run",
        HOT_PATH_SPAN,
      ).pipe(Effect.provideService(Scheduler.Scheduler, immediateScheduler)) as Effect.Effect<
        unknown,
        RunError
      >;

    const mapConcurrency = (options?: MapOptions) => Math.max(1, options?.concurrency ?? maxConcurrency);
    return LambdaExecutor.of({
      config,
      maxConcurrency,
      // deno-lint-ignore no-explicit-any
      run: (task, args, meta = {}) => runTask(task as Task, args, meta) as Effect.Effect<any, RunError>,
      map: (task, argsList, options) => {
        const mapped = mapTasks(argsList, (args) => runTask(task as Task, args, {}), {
          concurrency: mapConcurrency(options),
          onProgress: options?.onProgress,
        });
        // deno-lint-ignore no-explicit-any
        return mapped as Effect.Effect<any, Indexed<RunError>>;
      },
      mapSettled: (task, argsList, options) => {
        const mapped = mapTasksSettled(argsList, (args) => runTask(task as Task, args, {}), {
          concurrency: mapConcurrency(options),
          onProgress: options?.onProgress,
        });
        // deno-lint-ignore no-explicit-any
        return mapped as Effect.Effect<any>;
      },
      timings: () => clock.snapshot(),
      stats: () => costs.snapshot(),
    });
  });
}

function unreadable(exit: Exit.Exit<unknown, unknown>): boolean {
  const error = Exit.isFailure(exit) ? Exit.findErrorOption(exit) : undefined;
  return error?._tag === "Some" && (error.value as { _tag?: string })._tag === "ResultDecodeError";
}

/** The log tail a failed invocation carries, when Lambda answered (a task failure or timeout). */
function logTailOf(error: { _tag: string; value?: unknown }): string {
  if (error._tag !== "Some") return "";
  const tail = (error.value as { logTail?: unknown }).logTail;
  return typeof tail === "string" ? tail : "";
}

function wroteOutcome(reply: InvocationReply): boolean {
  return reply._tag === "Dropped" || reply.answer.written;
}

/** The account's unreserved concurrency, capped; a default when it cannot be read. */
const accountConcurrency: Effect.Effect<number, never, LambdaApi> = LambdaApi.use((lambda) =>
  lambda.unreservedConcurrency()
).pipe(
  Effect.map((unreserved) => Math.max(1, Math.min(DEFAULT_CONCURRENCY_CAP, unreserved))),
  Effect.catch((error) =>
    Effect.logInfo(
      `cannot read the account's concurrency (${error.message}); running at most 50 tasks at once`,
    )
      .pipe(Effect.as(50))
  ),
);

/** Checks once that the staging bucket exists, belongs to the caller and is in the region. */
function checkBucket(
  bucket: string,
): Effect.Effect<
  void,
  AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch,
  S3Api | AwsSession
> {
  return Effect.gen(function* () {
    const session = yield* AwsSession;
    const s3 = yield* S3Api;
    const bucketRegion = yield* s3.bucketRegion(bucket).pipe(
      Effect.mapError((error): AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch => {
        switch (error.reason._tag) {
          case "NotFound":
            return new BucketNotFound({ bucket, region: session.region });
          case "AccessDenied":
            return new BucketAccessDenied({
              bucket,
              accountId: session.accountId,
              region: session.region,
              reason: error,
            });
          case "WrongRegion":
            return new BucketRegionMismatch({
              bucket,
              bucketRegion: error.reason.bucketRegion,
              region: session.region,
            });
          default:
            return error;
        }
      }),
    );
    if (bucketRegion !== session.region) {
      return yield* new BucketRegionMismatch({ bucket, bucketRegion, region: session.region });
    }
  });
}
