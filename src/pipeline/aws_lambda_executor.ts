/**
 * `AWSLambdaExecutor`: the Promise facade over the `LambdaExecutor` service, named after the
 * original plugin's class. It deploys the shared function once and reuses it for every run.
 *
 * @module
 */
import { Cause, Effect, Exit, Layer, ManagedRuntime, References } from "effect";
import type { ExecutorOptions } from "../config/executor_options.ts";
import type { DeployProgress } from "./deploy_progress.ts";
import type { Task } from "../task/task.ts";
import { forgetOpen, registerOpen } from "./close_on_signal.ts";
import type { Indexed, MapProgress, SettledResult } from "./map_tasks.ts";
import { LambdaExecutor, type RunError, type RunMeta } from "./lambda_executor.ts";
import { lambdaExecutorLayer } from "./run.ts";
import type { StageStats } from "./stage_stats.ts";
import type { ExecutorStats } from "./cost_stats.ts";

/**
 * Options of the Promise API: the executor's options plus how much it logs.
 *
 * @example Quiet by default, chatty on demand
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local", memorySize: 1024, logLevel: "Info" });
 * ```
 */
export interface AWSLambdaExecutorOptions extends ExecutorOptions {
  /**
   * Least severe log lines printed (`"Info"` shows one line per stage with its timing,
   * `"Debug"` more).
   * @default {"Warn"}
   */
  logLevel?: "All" | "Trace" | "Debug" | "Info" | "Warn" | "Error" | "Fatal" | "None";
  /**
   * Told while the function is created and becomes Active, which can take a minute on a new
   * account; `deployProgressPrinter()` shows it. Silent when the function is already Active.
   */
  onDeployProgress?: (progress: DeployProgress) => void;
}

/**
 * Per-run details for `AWSLambdaExecutor.run`.
 *
 * @example Cancel a run after ten seconds
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * await executor.run((n: number) => n + 1, [1], { dispatchId: "d1", nodeId: 3, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface RunOptions extends RunMeta {
  /** Aborting it interrupts the run; everything it created is removed before the promise rejects. */
  readonly signal?: AbortSignal;
}

/**
 * Options of `AWSLambdaExecutor.map`.
 *
 * @example Square a thousand numbers, 64 at a time, with a progress line
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * const inputs = Array.from({ length: 1000 }, (_, i) => [i] as [number]);
 * const squares = await executor.map((n: number) => n * n, inputs, {
 *   concurrency: 64,
 *   onProgress: (p) => console.log(`${p.done}/${p.total} done, ${p.failed} failed`),
 * });
 * ```
 */
export interface MapCallOptions {
  /** Most items of this call in flight at once (default: the executor's `maxConcurrency`). */
  readonly concurrency?: number;
  /** Return every item's result in `Promise.allSettled`'s shape instead of failing fast. */
  readonly settle?: boolean;
  /** Aborting it cancels the items in flight; everything they created is removed. */
  readonly signal?: AbortSignal;
  /** Called on every change of the done/failed/running/queued counts. */
  readonly onProgress?: (progress: MapProgress) => void;
}

/**
 * A long-lived executor: tasks run on one shared Lambda function, deployed on first use.
 * `close()` removes what it created (with `cleanup` on) and stops an embedded local AWS.
 *
 * @example Run tasks on an embedded local AWS
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * const [a, b] = await Promise.all([
 *   executor.run((x: number) => x * 2, [21]),
 *   executor.run((s: string) => s.toUpperCase(), ["hi"]),
 * ]);
 * ```
 */
export class AWSLambdaExecutor {
  readonly #makeRuntime: () => ManagedRuntime.ManagedRuntime<LambdaExecutor, unknown>;
  #runtime: ManagedRuntime.ManagedRuntime<LambdaExecutor, unknown>;
  readonly #closing = new AbortController();
  #closed: Promise<void> | undefined;

  /** Creates an executor; nothing is contacted until the first run. */
  constructor(options: AWSLambdaExecutorOptions = {}) {
    const { logLevel = "Warn", onDeployProgress, ...executorOptions } = options;
    this.#makeRuntime = () =>
      ManagedRuntime.make(
        lambdaExecutorLayer(executorOptions, { onDeployProgress }).pipe(
          Layer.provideMerge(Layer.succeed(References.MinimumLogLevel, logLevel)),
        ),
      );
    this.#runtime = this.#makeRuntime();
    registerOpen(this);
  }

  /**
   * The built runtime. A build that failed (no credentials yet, a missing bucket) is thrown
   * away, so the next run builds again once the user has fixed the cause.
   */
  async #built(): Promise<ManagedRuntime.ManagedRuntime<LambdaExecutor, unknown>> {
    const runtime = this.#runtime;
    try {
      await runtime.context();
      return runtime;
    } catch (error) {
      if (this.#runtime === runtime && !this.#closed) {
        this.#runtime = this.#makeRuntime();
        void runtime.dispose();
      }
      throw error;
    }
  }

  /**
   * Runs a task with its arguments and resolves to its value. Rejects with one of the
   * exported error classes (`TaskFailed`, `TaskTimedOut`, `ConfigError`, …), or with the
   * signal's reason when aborted.
   */
  // deno-lint-ignore no-explicit-any
  async run<Args extends readonly any[], R>(
    task: Task<Args, R>,
    args: Args,
    options: RunOptions = {},
  ): Promise<Awaited<R>> {
    if (this.#closed) throw new Error("This AWSLambdaExecutor is closed; create a new one.");
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.#closing.signal])
      : this.#closing.signal;
    const runtime = await this.#built();
    const exit = await runtime.runPromiseExit(
      LambdaExecutor.use((executor) => executor.run(task, args, options)),
      { signal },
    );
    return settle(exit, signal);
  }

  /**
   * Runs the task once per arguments list (an array, an iterable or an async iterable read as
   * the work goes), at most `concurrency` at once, results in input order. Without `settle`,
   * the first failure rejects with that item's typed error carrying its `index`, and the rest
   * are cancelled (leaving nothing behind); with `settle: true`, it resolves to every item's
   * result in `Promise.allSettled`'s shape.
   */
  // deno-lint-ignore no-explicit-any
  map<Args extends readonly any[], R>(
    task: Task<Args, R>,
    argsList: Iterable<Args> | AsyncIterable<Args>,
    options: MapCallOptions & { readonly settle: true },
  ): Promise<SettledResult<Awaited<R>, Indexed<RunError>>[]>;
  /**
   * Runs the task once per arguments list, results in input order; the first failure rejects
   * with that item's typed error carrying its `index`, and the rest are cancelled.
   */
  // deno-lint-ignore no-explicit-any
  map<Args extends readonly any[], R>(
    task: Task<Args, R>,
    argsList: Iterable<Args> | AsyncIterable<Args>,
    options?: MapCallOptions & { readonly settle?: false },
  ): Promise<Awaited<R>[]>;
  // deno-lint-ignore no-explicit-any
  async map<Args extends readonly any[], R>(
    task: Task<Args, R>,
    argsList: Iterable<Args> | AsyncIterable<Args>,
    options: MapCallOptions = {},
  ): Promise<unknown> {
    if (this.#closed) throw new Error("This AWSLambdaExecutor is closed; create a new one.");
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.#closing.signal])
      : this.#closing.signal;
    const runtime = await this.#built();
    const mapOptions = { concurrency: options.concurrency, onProgress: options.onProgress };
    const exit = await runtime.runPromiseExit(
      LambdaExecutor.use((executor): Effect.Effect<unknown, Indexed<RunError>> =>
        options.settle
          ? executor.mapSettled(task, argsList, mapOptions)
          : executor.map(task, argsList, mapOptions)
      ),
      { signal },
    );
    return settle(exit, signal);
  }

  /** Per-stage timing statistics (count, total, min, max, p50, p95) of every run so far. */
  async timings(): Promise<readonly StageStats[]> {
    return await (await this.#built()).runPromise(
      LambdaExecutor.use((executor) => Effect.succeed(executor.timings())),
    );
  }

  /**
   * What the tasks cost so far: each invocation's billed duration and memory from Lambda's
   * REPORT line, Lambda and S3 requests, and dollars at list prices (`prices` says which).
   */
  async stats(): Promise<ExecutorStats> {
    return await (await this.#built()).runPromise(
      LambdaExecutor.use((executor) => Effect.succeed(executor.stats())),
    );
  }

  /**
   * Interrupts runs in flight, lets their invocations finish (for up to 30 s) and removes
   * what they wrote, removes what the executor created (the shared function stays, for the
   * next executor) and releases its clients.
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      forgetOpen(this);
      this.#closing.abort(new Error("The executor was closed."));
      await this.#runtime.dispose();
    })();
    return this.#closed;
  }

  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function settle<A>(exit: Exit.Exit<A, unknown>, signal: AbortSignal): A {
  if (Exit.isSuccess(exit)) return exit.value;
  if (Cause.hasInterruptsOnly(exit.cause) && signal.aborted) throw signal.reason;
  throw Cause.squash(exit.cause);
}
