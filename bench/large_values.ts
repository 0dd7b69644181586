/**
 * Section 4: large byte arguments. 10 MB and 100 MB round trips through ours
 * (`run((b) => b, [bytes])`, memory 1024 MB) against a raw S3 PutObject + GetObject of the same
 * bytes, sides alternating after one untimed warm-up each; the client's peak RSS growth of each
 * side measured once more in a fresh child process (`bench/rss_child.ts`); then one 250 MB
 * argument in a child process.
 *
 * @module
 */
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { AWSLambdaExecutor } from "../mod.ts";
import type { BenchBed } from "./bench_bed.ts";
import { runChild } from "./first_task_runs.ts";
import { attempt, describeError, type Outcome } from "./outcome.ts";
import { summarize } from "./percentiles.ts";
import { comparison, type Row, verdictRow } from "./report.ts";
import { probeRss } from "./rss_probe.ts";

const MB = 1024 * 1024;
/** Sizes and rounds per side. */
export const LARGE_SIZES = [{ megabytes: 10, rounds: 3 }, { megabytes: 100, rounds: 7 }] as const;
const GC_FLAG = ["--v8-flags=--expose-gc"];
/** The argument that must work or fail with a typed error. */
export const HUGE_MEGABYTES = 250;

/** One timed round trip (RSS growth in the bench's process: a lower bound, see `rssChild`). */
export interface RoundTrip {
  readonly ms: number;
  readonly rssGrowthBytes: number;
  readonly kernelPeak: boolean;
}

/** One side of one size. */
export interface SideFigures {
  runs: RoundTrip[];
  failure?: string;
  /** Peak RSS growth in a fresh process, bytes (or why it failed). */
  rssChild?: Outcome<number>;
}

/** Figures of one size. */
export interface SizeFigures {
  readonly megabytes: number;
  readonly ours: SideFigures;
  readonly raw: SideFigures;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i += 4093) if (a[i] !== b[i]) return false;
  return a[a.byteLength - 1] === b[b.byteLength - 1];
}

/** Runs section 4 (the executor is one with `memorySize: 1024`, warmed up on a small task). */
export async function measureLargeValues(
  bed: BenchBed,
  large: Outcome<AWSLambdaExecutor>,
): Promise<{ rows: Row[]; sizes: SizeFigures[]; huge: Record<string, unknown> }> {
  const sizes: SizeFigures[] = [];
  for (const { megabytes, rounds } of LARGE_SIZES) {
    const bytes = new Uint8Array(megabytes * MB);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) & 0xff;
    const figures: SizeFigures = { megabytes, ours: { runs: [] }, raw: { runs: [] } };
    const sides = {
      raw: async () => {
        const key = `bench/raw/${megabytes}mb`;
        await bed.s3.send(new PutObjectCommand({ Bucket: bed.bucket, Key: key, Body: bytes }));
        const got = await bed.s3.send(new GetObjectCommand({ Bucket: bed.bucket, Key: key }));
        const back = await got.Body!.transformToByteArray();
        if (!sameBytes(bytes, back)) throw new Error("raw S3 round trip changed the bytes");
      },
      ours: async () => {
        if (!large.ok) throw new Error(large.message);
        const back = await large.value.run((b: Uint8Array) => b, [bytes]);
        if (!(back instanceof Uint8Array) || !sameBytes(bytes, back)) {
          throw new Error("ours changed the bytes");
        }
      },
    };
    for (const side of ["raw", "ours"] as const) {
      // Untimed warm-up: the first spill of a process pays one-time costs.
      await sides[side]().catch((error) => figures[side].failure = describeError(error));
    }
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (["raw", "ours"] as const) : (["ours", "raw"] as const);
      for (const side of order) {
        const record = figures[side];
        if (record.failure !== undefined) continue;
        try {
          const probe = await probeRss(sides[side]);
          record.runs.push({
            ms: probe.elapsedMs,
            rssGrowthBytes: probe.growth,
            kernelPeak: probe.kernelPeak,
          });
        } catch (error) {
          record.failure = describeError(error);
        }
      }
    }
    for (const side of ["raw", "ours"] as const) {
      if (figures[side].failure !== undefined) continue;
      figures[side].rssChild = await attempt(async () =>
        Number(
          (await runChild("./rss_child.ts", [side, String(megabytes)], bed.childEnv(), GC_FLAG)).growthBytes,
        )
      );
    }
    sizes.push(figures);
  }
  const rows: Row[] = [];
  for (const { megabytes, ours, raw } of sizes) {
    const median = (side: SideFigures, pick: (r: RoundTrip) => number) =>
      side.failure !== undefined
        ? { ok: false as const, message: side.failure }
        : { ok: true as const, value: summarize(side.runs.map(pick)).p50 };
    const peak = (side: SideFigures): Outcome<number> => {
      if (side.failure !== undefined) return { ok: false, message: side.failure };
      if (side.rssChild === undefined) return { ok: false, message: "not measured" };
      return side.rssChild.ok ? { ok: true, value: side.rssChild.value / MB } : side.rssChild;
    };
    const is100 = megabytes === 100;
    const rawPeak = peak(raw);
    rows.push(
      comparison(
        `${megabytes} MB argument round trip (vs raw S3 PUT+GET)`,
        median(ours, (r) => r.ms),
        median(raw, (r) => r.ms),
        { unit: "ms", digits: 0 },
        is100 ? { text: "≥ 0.8× speed (≤ 1.25× time)", holds: ({ ratio }) => ratio <= 1.25 } : undefined,
      ),
      comparison(
        `${megabytes} MB client peak RSS growth (vs the value)`,
        peak(ours),
        { ok: true, value: megabytes },
        {
          unit: "MB",
          digits: 0,
          floorLabel: rawPeak.ok ? `raw S3: ${rawPeak.value.toFixed(0)} MB` : undefined,
        },
        is100 ? { text: "≤ 3×", holds: ({ ratio }) => ratio <= 3 } : undefined,
      ),
    );
  }
  let huge: Record<string, unknown>;
  try {
    huge = await runChild("./huge_argument.ts", [String(HUGE_MEGABYTES)], bed.childEnv());
  } catch (error) {
    huge = { outcome: "crashed", message: describeError(error) };
  }
  const text = huge.outcome === "works"
    ? `works (${Number(huge.ms).toFixed(0)} ms)`
    : huge.outcome === "typed-error"
    ? `typed error ${huge.tag}: ${huge.message}`
    : `${huge.outcome}: ${huge.message}`;
  rows.push(
    verdictRow(
      `${HUGE_MEGABYTES} MB byte argument`,
      text,
      huge.outcome === "works" || huge.outcome === "typed-error",
      "works or typed error",
    ),
  );
  return { rows, sizes, huge };
}
