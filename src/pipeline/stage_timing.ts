/**
 * Timing each pipeline stage: one info log line per stage, and a record for tables.
 *
 * @module
 */
import { Effect } from "effect";

/**
 * One stage of one task, timed.
 *
 * @example Print the timings of an executor
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * await executor.run(() => 1, []);
 * for (const t of await executor.timings()) console.log(t.taskId, t.stage, `${t.ms} ms`);
 * ```
 */
export interface StageTiming {
  /** The task's id. */
  readonly taskId: string;
  /** The stage: `stage`, `deploy`, `invoke+poll`, `collect`, `cleanup`. */
  readonly stage: string;
  /** Wall time, ms. */
  readonly ms: number;
}

/**
 * Runs `effect`, logging `<stage> <ms> ms` at info and pushing a record into `sink`. The
 * task id is read when the stage ends (the stage step is what gives a task its id).
 */
export function timed<A, E, R>(
  stage: string,
  taskId: () => string,
  sink: StageTiming[],
  effect: Effect.Effect<A, E, R>,
): Effect.Effect<A, E, R> {
  return Effect.suspend(() => {
    const started = performance.now();
    return effect.pipe(
      Effect.ensuring(
        Effect.suspend(() => {
          const ms = Math.round((performance.now() - started) * 10) / 10;
          sink.push({ taskId: taskId(), stage, ms });
          return Effect.logInfo(`${stage} ${ms} ms`).pipe(Effect.annotateLogs({ task: taskId() }));
        }),
      ),
    );
  });
}
