/**
 * The one file that knows the order of the pipeline: the `LambdaExecutor` service runs a task
 * through encode → deploy → invoke → decode, with cleanup as finalizers, and fans many tasks
 * out with `map`.
 *
 * @module
 */
import { Cause, Effect, Exit, Layer, Scheduler, type Scope, Semaphore } from "effect";
import { randomUUID } from "node:crypto";
import type { AwsError } from "../aws/aws_error.ts";
import { awsLayer, type AwsServices } from "../aws/aws_layer.ts";
import { annotateHotPathSpan, hotPathSpan } from "../aws/hot_path_span.ts";
import { writeRequests } from "../aws/s3_api.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import type { ExecutorOptions } from "../config/executor_options.ts";
import { loadConfig } from "../config/load_config.ts";
import { readRequests } from "../runtime/byte_ranges.ts";
import type { Task } from "../task/task.ts";
import { makeBackgroundWork } from "./background_work.ts";
import { makeCodeStore } from "./code_store.ts";
import { makeCostCollector } from "./cost_stats.ts";
import { decode } from "./decode.ts";
import { makeDetachedInvoker } from "./detached_invoke.ts";
import { encode, removeQuietly } from "./encode.ts";
import type { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "./errors/bucket_errors.ts";
import { accountConcurrency, checkBucket } from "./executor_checks.ts";
import type { ExecutorHooks } from "./executor_hooks.ts";
import { type FunctionProvider, perRunFunctions, sharedFunctions } from "./function_provider.ts";
import { immediateScheduler } from "./immediate_scheduler.ts";
import { buildEvent, type InvocationReply } from "./invoke.ts";
import { keepDocuments } from "./keep_documents.ts";
import {
  type ExecutorBuildError,
  LambdaExecutor,
  type MapOptions,
  type RunError,
  type RunMeta,
} from "./lambda_executor.ts";
import { type Indexed, mapTasks, mapTasksSettled } from "./map_tasks.ts";
import { chooseRunIds, type RunIds } from "./run_ids.ts";
import { type Laps, makeStageClock } from "./stage_stats.ts";

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
    const background = makeBackgroundWork();
    const clock = makeStageClock();
    const costs = makeCostCollector(config.architecture);
    const codeStore = makeCodeStore(config.s3BucketName, randomUUID().slice(0, 8), () => costs.s3(1, 0));
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

    const invokeDetached = makeDetachedInvoker({
      permits,
      background,
      functions,
      costs,
      bucket: config.s3BucketName,
      timeoutSeconds: config.timeout,
      memorySize: config.memorySize,
      cleanup: config.cleanup,
    });
    const encodeSettings = {
      bucket: config.s3BucketName,
      region: config.region,
      cacheDir: config.cacheDir,
      inlineLimit: config.inlineLimit,
      cleanup: config.cleanup,
      codeStore,
    };
    const invokeSettings = {
      bucket: config.s3BucketName,
      timeoutSeconds: config.timeout,
      inlineLimit: config.inlineLimit,
    };

    // The diagram: ids → encode → deploy → invoke → decode, what was written removed as the scope closes.
    const runOnce = (task: Task, args: readonly unknown[], meta: RunMeta) =>
      Effect.suspend(() => {
        const ids = chooseRunIds(meta.dispatchId, meta.nodeId);
        const laps: Laps = [];
        return runStages(task, args, ids, laps).pipe(
          Effect.scoped,
          // A failed or abandoned run gets its stage line too: the stages it got through, and how it ended.
          Effect.onError((cause) => {
            const stages = `${laps.join(", ")}${laps.length > 0 ? "; " : ""}${endOf(cause)}`;
            return annotateHotPathSpan("stages", stages).pipe(
              Effect.andThen(Effect.logInfo(`${ids.taskId}: ${stages}`)),
            );
          }),
        );
      });
    const runStages = (task: Task, args: readonly unknown[], ids: RunIds, laps: Laps) =>
      Effect.gen(function* () {
        // What the run wrote, removed in one request as its scope closes (most runs write
        // nothing); an outcome that could not be read stays for inspection.
        const written: string[] = [];
        let keepOutcome = "";
        const removeOnClose = (key: string) =>
          Effect.suspend(() => {
            written.push(key);
            if (written.length > 1) return Effect.void;
            return Effect.addFinalizer((exit) =>
              removeQuietly(
                config.s3BucketName,
                unreadable(exit) ? written.filter((k) => k !== keepOutcome) : written,
              )
            );
          });
        const settings = { ...encodeSettings, removeOnClose };
        const encoded = yield* clock.time("encode", laps, encode(task, args, ids, settings));
        const deployment = yield* clock.time("deploy", laps, functions.acquire(ids));
        const event = yield* buildEvent(encoded, invokeSettings);
        const cleanupKeys = [encoded.outcomeKey];
        if ("key" in encoded.args) {
          // Our upload, the function's download.
          costs.s3(writeRequests(encoded.args.bytes), readRequests(encoded.args.bytes));
          cleanupKeys.push(encoded.args.key);
        }
        const reply: InvocationReply = yield* clock.time(
          "invoke",
          laps,
          invokeDetached({ deployment, ids, event, cleanupKeys }),
        );
        if (!config.cleanup) yield* keepDocuments(config.cacheDir, encoded, reply);
        if (config.cleanup && wroteOutcome(reply)) {
          keepOutcome = encoded.outcomeKey;
          yield* removeOnClose(encoded.outcomeKey);
        }
        const value = yield* clock.time(
          "decode",
          laps,
          decode(reply, {
            taskId: ids.taskId,
            functionName: deployment.functionName,
            bucket: config.s3BucketName,
            outcomeKey: encoded.outcomeKey,
            timeoutSeconds: config.timeout,
            pollFreqSeconds: config.pollFreq,
            countReads: (requests) => costs.s3(0, requests),
          }),
        );
        // The stages are attributes of the run's one span, not spans of their own: a span per
        // stage cost more than the rest of the executor's work on a warm task.
        const stages = laps.join(", ");
        yield* annotateHotPathSpan("stages", stages);
        yield* Effect.logInfo(`${ids.taskId}: ${stages}`);
        return value;
      });

    // Only on request, for idempotent tasks: what may have run is otherwise never run again.
    const runRetried = config.retries > 0
      ? (task: Task, args: readonly unknown[], meta: RunMeta) =>
        runOnce(task, args, meta).pipe(
          Effect.retry({ times: config.retries, while: (e) => e._tag === "InvokeError" && e.mayHaveRun }),
        )
      : runOnce;

    // One span per run; what every run needs from the executor is provided once per call of
    // `run` or `map` (`inExecutor`), not once per task: a `map` of thousands shares it.
    const runTask = (task: Task, args: readonly unknown[], meta: RunMeta) =>
      hotPathSpan(runRetried(task, args, meta), "LambdaExecutor.run");
    const inExecutor = <A, E>(effect: Effect.Effect<A, E, AwsServices>): Effect.Effect<A, E> =>
      effect.pipe(
        Effect.provideContext(services),
        Effect.annotateLogs({ executor: "awslambda" }),
        Effect.provideService(Scheduler.Scheduler, immediateScheduler),
      );

    const mapConcurrency = (options?: MapOptions) => Math.max(1, options?.concurrency ?? maxConcurrency);
    return LambdaExecutor.of({
      config,
      maxConcurrency,
      run: (task, args, meta = {}) =>
        // deno-lint-ignore no-explicit-any
        inExecutor(runTask(task as Task, args, meta)) as Effect.Effect<any, RunError>,
      map: (task, argsList, options) => {
        const mapped = mapTasks(argsList, (args) => runTask(task as Task, args, {}), {
          concurrency: mapConcurrency(options),
          onProgress: options?.onProgress,
        });
        // deno-lint-ignore no-explicit-any
        return inExecutor(mapped) as Effect.Effect<any, Indexed<RunError>>;
      },
      mapSettled: (task, argsList, options) => {
        const mapped = mapTasksSettled(argsList, (args) => runTask(task as Task, args, {}), {
          concurrency: mapConcurrency(options),
          onProgress: options?.onProgress,
        });
        // deno-lint-ignore no-explicit-any
        return inExecutor(mapped) as Effect.Effect<any>;
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

/** How a run that did not succeed ended, for its stage line. */
function endOf(cause: Cause.Cause<{ readonly _tag: string }>): string {
  const error = Cause.findErrorOption(cause);
  if (error._tag === "Some") return `failed with ${error.value._tag}`;
  return Cause.hasInterruptsOnly(cause) ? "abandoned" : "failed with a defect";
}

function wroteOutcome(reply: InvocationReply): boolean {
  return reply._tag === "Dropped" || reply.answer.written;
}
