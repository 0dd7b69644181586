/**
 * Section 3: throughput of `executor.map` over 1,000 small tasks at a given concurrency, against
 * the invoke floor driven by a worker pool at the same concurrency over a raw client whose HTTP
 * agent holds that many sockets. Each side runs its 1,000 tasks three times, in the order
 * floor, ours, ours, floor, floor, ours, so drift hits both alike; each side's figure is the
 * median of its three runs (one run varies by up to ±20% on a loaded 2-core machine).
 *
 * @module
 */
import type { AWSLambdaExecutor } from "../mod.ts";
import type { BenchBed } from "./bench_bed.ts";
import { invokeFloor } from "./floors.ts";
import { attempt, type Outcome } from "./outcome.ts";
import { mapOf } from "./ours.ts";
import { summarize } from "./percentiles.ts";
import { comparison, type Row } from "./report.ts";
import { runPool } from "./worker_pool.ts";

/** Small tasks per side and concurrency. */
export const THROUGHPUT_TASKS = 1000;
/** Runs of the 1,000 tasks per side, interleaved with the other side's. */
const REPEATS = 3;
/** The concurrencies measured. */
export const THROUGHPUT_CONCURRENCIES = [16, 64] as const;

/** Figures at one concurrency. */
export interface ThroughputFigures {
  readonly concurrency: number;
  readonly ours: Outcome<{ runsMs: number[]; tasksPerSecond: number }>;
  readonly floor: Outcome<{ runsMs: number[]; tasksPerSecond: number }>;
}

async function oursRun(
  executor: Outcome<AWSLambdaExecutor>,
  count: number,
  concurrency: number,
  offset: number,
) {
  if (!executor.ok) throw new Error(executor.message);
  const map = mapOf(executor.value);
  const args = Array.from({ length: count }, (_, i) => [offset + i] as const);
  const started = performance.now();
  const values = await map((n: number) => n + 1, args, { concurrency });
  const elapsed = performance.now() - started;
  values.forEach((value, i) => {
    if (value !== offset + i + 1) throw new Error(`map answered ${value} at index ${i}`);
  });
  return elapsed;
}

function failureOf(outcome: Outcome<unknown>): string | undefined {
  return outcome.ok ? undefined : outcome.message;
}

/** Runs section 3. */
export async function measureThroughput(
  bed: BenchBed,
  invokeFloorName: string,
  ours: Outcome<AWSLambdaExecutor>,
): Promise<{ rows: Row[]; figures: ThroughputFigures[] }> {
  const figures: ThroughputFigures[] = [];
  const order = Array.from({ length: REPEATS }, (_, i) => i % 2 === 0 ? ["floor", "ours"] : ["ours", "floor"])
    .flat() as ("floor" | "ours")[];
  for (const concurrency of THROUGHPUT_CONCURRENCIES) {
    const lambda = bed.lambdaWithSockets(concurrency);
    const floorRun = async (offset: number) =>
      (await runPool(THROUGHPUT_TASKS, concurrency, (i) => invokeFloor(lambda, invokeFloorName, offset + i)))
        .elapsedMs;
    const floorMs: number[] = [];
    const oursMs: number[] = [];
    // Untimed warm-up: both functions get `concurrency` warm environments before the clock runs.
    const warmup = concurrency * 2;
    let floorFailure = failureOf(
      await attempt(() => runPool(warmup, concurrency, (i) => invokeFloor(lambda, invokeFloorName, i))),
    );
    let oursFailure = failureOf(await attempt(() => oursRun(ours, warmup, concurrency, 0)));
    for (const side of order) {
      const offset = (side === "floor" ? floorMs : oursMs).length * THROUGHPUT_TASKS;
      if (side === "floor" && floorFailure === undefined) {
        const run = await attempt(() => floorRun(offset));
        if (run.ok) floorMs.push(run.value);
        else floorFailure = run.message;
      }
      if (side === "ours" && oursFailure === undefined) {
        const run = await attempt(() => oursRun(ours, THROUGHPUT_TASKS, concurrency, offset));
        if (run.ok) oursMs.push(run.value);
        else oursFailure = run.message;
      }
    }
    lambda.destroy();
    const rate = (runsMs: number[], failure: string | undefined) =>
      failure !== undefined ? { ok: false as const, message: failure } : {
        ok: true as const,
        value: { runsMs, tasksPerSecond: THROUGHPUT_TASKS / (summarize(runsMs).p50 / 1000) },
      };
    figures.push({ concurrency, ours: rate(oursMs, oursFailure), floor: rate(floorMs, floorFailure) });
  }
  const rows = figures.map(({ concurrency, ours, floor }) =>
    comparison(
      `map throughput, ${THROUGHPUT_TASKS} tasks, concurrency ${concurrency}`,
      ours.ok ? { ok: true, value: ours.value.tasksPerSecond } : ours,
      floor.ok ? { ok: true, value: floor.value.tasksPerSecond } : floor,
      { unit: "tasks/s", digits: 0 },
      { text: "≥ 0.8×", holds: ({ ratio }) => ratio >= 0.8 },
    )
  );
  return { rows, figures };
}
