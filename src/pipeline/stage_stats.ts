/**
 * Per-stage timing statistics of an executor, bounded in memory however many tasks run:
 * counts and sums, plus a fixed-size sample for percentiles.
 *
 * @module
 */
import { Effect } from "effect";

/**
 * Timings of one stage over every task so far.
 *
 * @example Print an executor's stage table
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * await executor.run(() => 1, []);
 * for (const s of await executor.timings()) console.log(s.stage, s.count, `${s.p50Ms} ms`);
 * ```
 */
export interface StageStats {
  /** The stage: `encode`, `deploy`, `invoke`, `decode`. */
  readonly stage: string;
  /** How many times it ran. */
  readonly count: number;
  /** Total wall time, ms. */
  readonly totalMs: number;
  /** Shortest, ms. */
  readonly minMs: number;
  /** Longest, ms. */
  readonly maxMs: number;
  /** Median of the last samples, ms. */
  readonly p50Ms: number;
  /** 95th percentile of the last samples, ms. */
  readonly p95Ms: number;
}

/** Samples kept per stage for percentiles: the most recent ones. */
const SAMPLES = 1024;

class StageRecord {
  count = 0;
  totalMs = 0;
  minMs = Infinity;
  maxMs = 0;
  readonly samples: number[] = [];
  add(ms: number): void {
    this.count++;
    this.totalMs += ms;
    this.minMs = Math.min(this.minMs, ms);
    this.maxMs = Math.max(this.maxMs, ms);
    this.samples[(this.count - 1) % SAMPLES] = ms;
  }
}

/** One run's stage timings as they end, `"<stage> <ms> ms"`, for its log line. */
export type Laps = string[];

/** The statistics of one executor. */
export interface StageClock {
  /**
   * Runs `effect` as `stage`, recording its wall time, ended by success or failure, in the
   * statistics and in `laps` (one run's stages, for its log line).
   */
  time<A, E, R>(stage: string, laps: Laps, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R>;
  /** A snapshot, stages in the order first seen. */
  snapshot(): readonly StageStats[];
}

/** Makes an empty set of statistics. */
export function makeStageClock(): StageClock {
  const stages = new Map<string, StageRecord>();
  return {
    time: (stage, laps, effect) =>
      Effect.suspend(() => {
        const started = performance.now();
        return Effect.ensuring(
          effect,
          Effect.sync(() => {
            const ms = Math.round((performance.now() - started) * 100) / 100;
            let record = stages.get(stage);
            if (!record) stages.set(stage, record = new StageRecord());
            record.add(ms);
            laps.push(`${stage} ${ms} ms`);
          }),
        );
      }),
    snapshot: () =>
      [...stages].map(([stage, record]) => {
        const sorted = [...record.samples].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
        return {
          stage,
          count: record.count,
          totalMs: Math.round(record.totalMs * 100) / 100,
          minMs: record.minMs,
          maxMs: record.maxMs,
          p50Ms: at(0.5),
          p95Ms: at(0.95),
        };
      }),
  };
}
