/**
 * Our executor as the bench drives it: built from the bed's endpoint and credentials file, and
 * the parts of its API that may not exist yet (`map`, per-stage statistics) reached without
 * assuming them, so a missing part fails its rows, not the bench.
 *
 * @module
 */
import type { AWSLambdaExecutor, AWSLambdaExecutorOptions } from "../mod.ts";
import type { BenchBed } from "./bench_bed.ts";

/** Memory of our shared function in the small-task sections, MB (the executor's default). */
export const OURS_MEMORY_MB = 512;

/** `executor.map` as the issue specifies it. */
export type MapFn = <R>(
  task: (n: number) => R,
  argsList: Iterable<readonly [number]>,
  options?: { concurrency?: number },
) => Promise<Awaited<R>[]>;

/** One stage's p50 for the chart, ms. */
export interface StageP50 {
  readonly stage: string;
  readonly count: number;
  readonly p50Ms: number;
}

/**
 * An executor on the bed (loaded lazily, so a broken executor module fails the executor rows
 * only).
 */
export async function oursExecutor(
  bed: BenchBed,
  options: AWSLambdaExecutorOptions = {},
): Promise<AWSLambdaExecutor> {
  const { AWSLambdaExecutor } = await import("../mod.ts");
  return new AWSLambdaExecutor({
    endpoint: bed.aws.endpoint,
    region: bed.aws.region,
    credentials: bed.credentialsFile,
    profile: bed.profile,
    s3BucketName: bed.bucket,
    memorySize: OURS_MEMORY_MB,
    ...options,
  });
}

/** The executor's `map`, or a thrown error saying it is not there yet. */
export function mapOf(executor: AWSLambdaExecutor): MapFn {
  const map = (executor as unknown as { map?: MapFn }).map;
  if (typeof map !== "function") throw new Error("executor.map is not implemented yet");
  return map.bind(executor) as MapFn;
}

/**
 * Per-stage p50s from `executor.timings()`: statistics (`p50Ms`) when it gives them, else
 * computed from its raw per-task entries (`ms` or `durationMs`).
 */
export async function stageP50s(executor: AWSLambdaExecutor): Promise<StageP50[]> {
  const entries = (await executor.timings()) as unknown as readonly Record<string, unknown>[];
  const byStage = new Map<string, number[]>();
  const stats: StageP50[] = [];
  for (const entry of entries) {
    const stage = String(entry.stage);
    if (typeof entry.p50Ms === "number") {
      stats.push({ stage, count: Number(entry.count ?? 0), p50Ms: entry.p50Ms });
      continue;
    }
    const ms = typeof entry.ms === "number" ? entry.ms : entry.durationMs;
    if (typeof ms !== "number") continue;
    byStage.set(stage, [...(byStage.get(stage) ?? []), ms]);
  }
  for (const [stage, samples] of byStage) {
    const sorted = samples.sort((a, b) => a - b);
    stats.push({ stage, count: sorted.length, p50Ms: sorted[Math.floor((sorted.length - 1) / 2)] });
  }
  return stats;
}
