/**
 * Fan-out: runs one effect per input, at most `concurrency` at once, results in input order;
 * inputs may be an iterable or an async iterable, read as the work goes (not all at once).
 *
 * @module
 */
import { Effect, Result, Stream } from "effect";

/**
 * Where a `map` stands.
 *
 * @example Print a progress line
 * ```ts
 * import type { MapProgress } from "@covalent/awslambda";
 * const line = (p: MapProgress) => `${p.done}/${p.total ?? "?"} done, ${p.failed} failed, ${p.running} running`;
 * ```
 */
export interface MapProgress {
  /** Items that succeeded. */
  readonly done: number;
  /** Items that failed. */
  readonly failed: number;
  /** Items being run. */
  readonly running: number;
  /** Items known but not started yet (0 for an async iterable not yet read further). */
  readonly queued: number;
  /** How many items there are, once known (at once for an array). */
  readonly total?: number;
}

/**
 * One item's result, in `Promise.allSettled`'s shape.
 *
 * @example
 * ```ts
 * import type { SettledResult } from "@covalent/awslambda";
 * const values = <R>(results: SettledResult<R>[]) => results.flatMap((r) => r.status === "fulfilled" ? [r.value] : []);
 * ```
 */
export type SettledResult<R, E = unknown> =
  | { readonly status: "fulfilled"; readonly value: R }
  | { readonly status: "rejected"; readonly reason: E };

/** How to map. */
export interface MapTasksOptions {
  /** Most items in flight at once. */
  readonly concurrency: number;
  /** Called on every change of the counts. */
  readonly onProgress?: (progress: MapProgress) => void;
}

/** An error annotated with the index of the item that failed. */
export type Indexed<E> = E & { readonly index: number };

/**
 * Runs `run` over `items`. The first failure fails the whole, annotated with its item's
 * `index`, and interrupts the rest.
 */
export function mapTasks<X, A, E extends object, R>(
  items: Iterable<X> | AsyncIterable<X>,
  run: (item: X, index: number) => Effect.Effect<A, E, R>,
  options: MapTasksOptions,
): Effect.Effect<A[], Indexed<E>, R> {
  return fanOut(
    items,
    run,
    options,
    (effect, index) => effect.pipe(Effect.mapError((e) => indexed(e, index))),
  );
}

/** Runs `run` over `items` to the end, every item's result in `Promise.allSettled`'s shape. */
export function mapTasksSettled<X, A, E extends object, R>(
  items: Iterable<X> | AsyncIterable<X>,
  run: (item: X, index: number) => Effect.Effect<A, E, R>,
  options: MapTasksOptions,
): Effect.Effect<SettledResult<A, Indexed<E>>[], never, R> {
  return fanOut(items, run, options, (effect, index) =>
    effect.pipe(
      Effect.result,
      Effect.map((result): SettledResult<A, Indexed<E>> =>
        Result.isSuccess(result)
          ? { status: "fulfilled", value: result.success }
          : { status: "rejected", reason: indexed(result.failure, index) }
      ),
    ));
}

/** The fan-out both share: each item's run, counted for progress, then `settle`d. */
function fanOut<X, A, E, B, E2, R>(
  items: Iterable<X> | AsyncIterable<X>,
  run: (item: X, index: number) => Effect.Effect<A, E, R>,
  options: MapTasksOptions,
  settle: (effect: Effect.Effect<A, E, R>, index: number) => Effect.Effect<B, E2, R>,
): Effect.Effect<B[], E2, R> {
  return Effect.suspend(() => {
    const progress = tracker(items, options.onProgress);
    const one = (item: X, index: number) => settle(progress.around(run(item, index)), index);
    // An array needs no stream: a plain bounded fan-out costs less per item.
    const all = Array.isArray(items)
      ? Effect.forEach(items as X[], one, { concurrency: options.concurrency })
      : Stream.runCollect(source(items).pipe(Stream.mapEffect(one, { concurrency: options.concurrency })));
    return all.pipe(Effect.tap(() => progress.finish()));
  });
}

function source<X>(items: Iterable<X> | AsyncIterable<X>): Stream.Stream<X, never> {
  if (Symbol.asyncIterator in items) {
    return Stream.fromAsyncIterable(items as AsyncIterable<X>, (error) => error).pipe(Stream.orDie);
  }
  return Stream.fromIterable(items as Iterable<X>);
}

function indexed<E extends object>(error: E, index: number): Indexed<E> {
  // Each run makes its own error object, so annotating it in place touches nothing shared.
  Object.defineProperty(error, "index", { value: index, enumerable: true, configurable: true });
  return error as Indexed<E>;
}

function tracker(
  items: Iterable<unknown> | AsyncIterable<unknown>,
  onProgress?: (progress: MapProgress) => void,
) {
  let total = Array.isArray(items) ? items.length : undefined;
  let started = 0;
  let done = 0;
  let failed = 0;
  const report = () => {
    if (!onProgress) return;
    const running = started - done - failed;
    onProgress({ done, failed, running, queued: total === undefined ? 0 : total - started, total });
  };
  return {
    around: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.suspend(() => {
        started++;
        report();
        return effect.pipe(
          Effect.onExit((exit) =>
            Effect.sync(() => {
              if (exit._tag === "Success") done++;
              else failed++;
              report();
            })
          ),
        );
      }),
    finish: () =>
      Effect.sync(() => {
        total = started;
        report();
      }),
  };
}
