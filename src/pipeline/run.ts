/**
 * The one file that knows the order of the pipeline: the `LambdaExecutor` service runs a task
 * through stage → deploy → invoke → poll → collect, with cleanup as finalizers.
 *
 * @module
 */
import { Context, Effect, Layer, Scope } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import { awsLayer, type AwsServices } from "../aws/aws_layer.ts";
import { AwsSession } from "../aws/aws_session.ts";
import { S3Api } from "../aws/s3_api.ts";
import type { ConfigError, CredentialsError } from "../config/config_error.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import type { ExecutorOptions } from "../config/executor_options.ts";
import { loadConfig } from "../config/load_config.ts";
import type { Task } from "../task/task.ts";
import { collect } from "./collect.ts";
import { deleteFunction, deployFunction, type Deployment } from "./deploy.ts";
import { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "./errors/bucket_errors.ts";
import type { DeployError, RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";
import { type InvokeError, Throttled } from "./errors/invoke_errors.ts";
import type { ResultDecodeError, TaskFailed, TaskTimedOut } from "./errors/outcome_errors.ts";
import type { StagingError, TaskEncodingError } from "./errors/staging_errors.ts";
import { invoke } from "./invoke.ts";
import { poll } from "./poll.ts";
import { makeSharedDeployment } from "./shared_deployment.ts";
import { ThrottleRetryPolicy } from "./throttle_retry_policy.ts";
import { stage } from "./stage.ts";
import { type StageTiming, timed } from "./stage_timing.ts";

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
  /** Runs one task and returns its value. */
  // deno-lint-ignore no-explicit-any
  run<Args extends readonly any[], R>(
    task: Task<Args, R>,
    args: Args,
    meta?: RunMeta,
  ): Effect.Effect<Awaited<R>, RunError>;
  /** Per-stage timings of every task run so far. */
  timings(): readonly StageTiming[];
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
>(
  "@covalent/awslambda/LambdaExecutor",
);

/**
 * Builds an executor from options (merged with Covalent's config file and the environment):
 * resolves the credentials, asks STS for the caller's account, and checks the staging bucket
 * (it exists, is the caller's, is in the region). Closing the layer's scope removes the
 * functions the executor created (with cleanup on) and stops an embedded local AWS.
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
): Layer.Layer<LambdaExecutor, ExecutorBuildError> {
  return Layer.unwrap(
    loadConfig(options).pipe(
      Effect.map((config) =>
        Layer.effect(LambdaExecutor, makeLambdaExecutor(config)).pipe(Layer.provide(awsLayer(config)))
      ),
    ),
  );
}

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

function makeLambdaExecutor(
  config: ExecutorConfig,
): Effect.Effect<
  LambdaExecutor,
  AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch,
  AwsServices | Scope.Scope
> {
  return Effect.gen(function* () {
    const services = yield* Effect.context<AwsServices>();
    yield* checkBucket(config.s3BucketName);
    const settings = {
      runtime: config.runtime,
      memorySize: config.memorySize,
      timeout: config.timeout,
      role: config.lambdaRoleName,
      architecture: config.architecture,
    };
    const shared = yield* makeSharedDeployment(settings);
    const timings: StageTiming[] = [];
    yield* Effect.addFinalizer(() =>
      config.cleanup
        ? Effect.forEach(shared.created(), (name) =>
          deleteFunction(name).pipe(
            Effect.tap(() => Effect.logDebug(`deleted function ${name}`)),
            Effect.catch((error) => Effect.logWarning(`could not delete function ${name}: ${error.message}`)),
          ), { discard: true }).pipe(Effect.provideContext(services))
        : Effect.void
    );

    const runTask = (task: Task, args: readonly unknown[], meta: RunMeta) =>
      Effect.gen(function* () {
        const taskScope = yield* Scope.Scope;
        const retryPolicy = yield* ThrottleRetryPolicy;
        let taskId = "unstaged";
        const staged = yield* timed(
          "stage",
          () => taskId,
          timings,
          stage(task, args, {
            bucket: config.s3BucketName,
            region: config.region,
            cacheDir: config.cacheDir,
            cleanup: config.cleanup,
            dispatchId: meta.dispatchId,
            nodeId: meta.nodeId,
          }).pipe(Effect.tap((s) => Effect.sync(() => (taskId = s.taskId)))),
        );
        const record = <A, E, R>(name: string, effect: Effect.Effect<A, E, R>) =>
          timed(name, () => staged.taskId, timings, effect);
        const deployment: Deployment = yield* record(
          "deploy",
          config.functionPerTask
            ? deployFunction({ ...settings, taskId: `${staged.taskId}-${staged.runId}` }, {
              // Registered in the task's scope the moment the function exists: removed on every exit.
              onCreated: (name) =>
                config.cleanup
                  ? Scope.addFinalizer(
                    taskScope,
                    deleteFunction(name).pipe(Effect.ignore, Effect.provideContext(services)),
                  )
                  : Effect.void,
            })
            : shared.get,
        );
        const attempt = (d: Deployment) =>
          Effect.scoped(
            invoke(d, staged, config.timeout).pipe(
              Effect.flatMap((invocation) =>
                poll(invocation, staged, { timeoutSeconds: config.timeout, pollFreqSeconds: config.pollFreq })
              ),
            ),
          );
        let attempts = 0;
        const counted = (d: Deployment) => Effect.suspend(() => (attempts++, attempt(d)));
        yield* record(
          "invoke+poll",
          counted(deployment).pipe(
            // The shared function was deleted or went Inactive under us: the task did not run, so
            // deploy (or wake) it and try once more.
            Effect.catchIf(
              (e) =>
                e._tag === "InvokeError" && !e.mayHaveRun && !config.functionPerTask &&
                (e.reason.reason._tag === "NotFound" || e.reason.reason._tag === "NotReady"),
              () =>
                shared.invalidate(deployment).pipe(
                  Effect.andThen(shared.get),
                  Effect.flatMap(counted),
                ),
            ),
            Effect.retry({ schedule: retryPolicy, while: (e) => e._tag === "Throttled" }),
            Effect.mapError((e) => e._tag === "Throttled" ? new Throttled({ ...e, attempts }) : e),
          ),
        );
        return yield* record("collect", collect(staged));
      }).pipe(
        Effect.scoped,
        Effect.provideContext(services),
        Effect.annotateLogs({ executor: "awslambda" }),
        Effect.withSpan("LambdaExecutor.run"),
      );

    return LambdaExecutor.of({
      config,
      // deno-lint-ignore no-explicit-any
      run: (task, args, meta = {}) => runTask(task as Task, args, meta) as Effect.Effect<any, RunError>,
      timings: () => [...timings],
    });
  });
}
