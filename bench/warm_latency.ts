/**
 * Section 1: warm task latency, interleaved round by round: ours vs the invoke floor vs the S3
 * floor vs `functionPerTask` (every fifth round: it creates and deletes a function per task).
 *
 * @module
 */
import type { AWSLambdaExecutor } from "../mod.ts";
import type { BenchBed } from "./bench_bed.ts";
import { invokeFloor } from "./floors.ts";
import { s3Floor } from "./s3_floor.ts";
import { interleave, type SideSamples } from "./interleave.ts";
import type { Outcome } from "./outcome.ts";
import { summarize, type Summary } from "./percentiles.ts";
import { comparison, type Row } from "./report.ts";

/** Rounds timed (after `WARMUP` untimed ones). */
export const WARM_ROUNDS = 100;
const WARMUP = 5;
const PER_TASK_EVERY = 5;

/** What section 1 needs. */
export interface WarmSides {
  readonly bed: BenchBed;
  readonly invokeFloorName: string;
  readonly s3FloorName: string;
  readonly ours: Outcome<AWSLambdaExecutor>;
  readonly perTask: Outcome<AWSLambdaExecutor>;
}

/** Section 1's figures. */
export interface WarmResult {
  readonly rows: Row[];
  readonly sides: Record<string, { summary?: Summary; samples: number[]; failure?: string }>;
}

const ms = { unit: "ms", digits: 1 };

async function runOurs(executor: Outcome<AWSLambdaExecutor>, n: number): Promise<void> {
  if (!executor.ok) throw new Error(executor.message);
  const value = await executor.value.run((n: number) => n + 1, [n]);
  if (value !== n + 1) throw new Error(`ours answered ${JSON.stringify(value)} for ${n}`);
}

/** Runs section 1. */
export async function measureWarm(sides: WarmSides): Promise<WarmResult> {
  const { bed } = sides;
  const results = await interleave(
    [
      { name: "ours", run: (i) => runOurs(sides.ours, i) },
      { name: "invoke floor", run: (i) => invokeFloor(bed.lambda, sides.invokeFloorName, i) },
      {
        name: "S3 floor",
        run: (i) => s3Floor(bed.lambda, bed.s3, bed.bucket, sides.s3FloorName, i, `w${i}`),
      },
      { name: "function per task", every: PER_TASK_EVERY, run: (i) => runOurs(sides.perTask, i) },
    ],
    WARM_ROUNDS,
    WARMUP,
  );
  const stat = (name: string, pick: (s: Summary) => number): Outcome<number> => {
    const side = results.get(name) as SideSamples;
    if (side.failure !== undefined) return { ok: false, message: side.failure };
    if (side.samples.length === 0) return { ok: false, message: "no samples" };
    return { ok: true, value: pick(summarize(side.samples)) };
  };
  const p50 = (s: Summary) => s.p50;
  const p95 = (s: Summary) => s.p95;
  const rows = [
    comparison("warm task p50 (vs invoke floor)", stat("ours", p50), stat("invoke floor", p50), ms, {
      text: "≤ 1.5×",
      holds: ({ ratio }) => ratio <= 1.5,
    }),
    comparison("warm task p95 (vs invoke floor)", stat("ours", p95), stat("invoke floor", p95), ms),
    comparison("warm task p50 (vs S3 floor, old design)", stat("ours", p50), stat("S3 floor", p50), ms),
    comparison("warm task p50 (vs functionPerTask)", stat("ours", p50), stat("function per task", p50), ms),
  ];
  return {
    rows,
    sides: Object.fromEntries(
      [...results].map(([name, side]) => [name, {
        summary: side.samples.length > 0 ? summarize(side.samples) : undefined,
        samples: side.samples.map((x) => Math.round(x * 100) / 100),
        failure: side.failure,
      }]),
    ),
  };
}
