/**
 * Section 5: requests per warm small task, read from local AWS's counters around a batch of
 * sequential tasks of each side, and what a million such tasks cost on real AWS at list prices.
 *
 * @module
 */
import type { AWSLambdaExecutor } from "../mod.ts";
import type { RequestCounts } from "../local.ts";
import type { BenchBed } from "./bench_bed.ts";
import { FLOOR_MEMORY_MB, invokeFloor } from "./floors.ts";
import { s3Floor } from "./s3_floor.ts";
import { attempt, type Outcome } from "./outcome.ts";
import { OURS_MEMORY_MB } from "./ours.ts";
import { ASSUMED_BILLED_MS, type CostPerMillion, costPerMillion, type RequestsPerTask } from "./pricing.ts";
import { comparison, type Row } from "./report.ts";

/** Tasks per side in the batch. */
export const REQUEST_BATCH = 20;

/** One side's requests per task and cost. */
export interface SideRequests {
  readonly perTask: RequestsPerTask;
  readonly cost: CostPerMillion;
}

const total = (byOperation: Readonly<Record<string, number>>) =>
  Object.values(byOperation).reduce((sum, count) => sum + count, 0);

async function perTask(
  bed: BenchBed,
  memoryMb: number,
  task: (i: number) => Promise<unknown>,
): Promise<SideRequests> {
  bed.aws.resetRequestCounts();
  for (let i = 0; i < REQUEST_BATCH; i++) await task(i);
  const counts: RequestCounts = bed.aws.requestCounts();
  const average = (byOperation: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(byOperation).map(([operation, n]) => [operation, n / REQUEST_BATCH]));
  const requests = { lambda: average(counts.lambda), s3: average(counts.s3) };
  return { perTask: requests, cost: costPerMillion(requests, memoryMb) };
}

/** Runs section 5 (after section 1, so every side is warm). */
export async function measureRequests(
  bed: BenchBed,
  names: { invokeFloor: string; s3Floor: string },
  ours: Outcome<AWSLambdaExecutor>,
): Promise<{ rows: Row[]; sides: Record<string, Outcome<SideRequests>>; assumedBilledMs: number }> {
  const sides = {
    ours: await attempt(() =>
      perTask(bed, OURS_MEMORY_MB, async (i) => {
        if (!ours.ok) throw new Error(ours.message);
        await ours.value.run((n: number) => n + 1, [i]);
      })
    ),
    "invoke floor": await attempt(() =>
      perTask(bed, FLOOR_MEMORY_MB, (i) => invokeFloor(bed.lambda, names.invokeFloor, i))
    ),
    "S3 floor": await attempt(() =>
      perTask(bed, FLOOR_MEMORY_MB, (i) => s3Floor(bed.lambda, bed.s3, bed.bucket, names.s3Floor, i, `r${i}`))
    ),
  };
  const pick = (side: Outcome<SideRequests>, read: (s: SideRequests) => number): Outcome<number> =>
    side.ok ? { ok: true, value: read(side.value) } : side;
  const s3Of = (s: SideRequests) => total(s.perTask.s3);
  const lambdaOf = (s: SideRequests) => total(s.perTask.lambda);
  const count = { unit: "", digits: 2 };
  const dollars = { unit: "$", digits: 3 };
  return {
    rows: [
      comparison(
        "S3 requests per warm small task",
        pick(sides.ours, s3Of),
        pick(sides["invoke floor"], s3Of),
        count,
        {
          text: "= 0",
          holds: ({ ours }) => ours === 0,
        },
      ),
      comparison(
        "Lambda requests per warm small task",
        pick(sides.ours, lambdaOf),
        pick(sides["invoke floor"], lambdaOf),
        count,
      ),
      comparison(
        `$ per 1M small tasks on AWS (vs invoke floor)`,
        pick(sides.ours, (s) => s.cost.total),
        pick(sides["invoke floor"], (s) => s.cost.total),
        dollars,
      ),
      comparison(
        `$ per 1M small tasks on AWS (vs S3 floor)`,
        pick(sides.ours, (s) => s.cost.total),
        pick(sides["S3 floor"], (s) => s.cost.total),
        dollars,
      ),
    ],
    sides,
    assumedBilledMs: ASSUMED_BILLED_MS,
  };
}
