/**
 * The benchmark: ours against hand-written floors on one embedded local AWS, everything in one
 * run and interleaved, reported as ratios. Prints one table, writes `bench/results.json` (the
 * machine, runtime versions, every raw figure) and `bench/breakdown.svg`.
 *
 * Run: `deno task bench` (a few minutes). What each row means: docs/PERFORMANCE.md.
 *
 * @module
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AWSLambdaExecutor } from "../mod.ts";
import { BENCH_CONCURRENCY, startBenchBed } from "./bench_bed.ts";
import { type Bar, barChart, type Panel } from "./chart_svg.ts";
import { measureFirstTask } from "./first_task_runs.ts";
import { benchRole, deployFloorFunction, INVOKE_FLOOR_SOURCE } from "./floors.ts";
import { S3_FLOOR_SOURCE } from "./s3_floor.ts";
import { measureLargeValues } from "./large_values.ts";
import { machineInfo } from "./machine.ts";
import { attempt, type Outcome } from "./outcome.ts";
import { oursExecutor, type StageP50, stageP50s } from "./ours.ts";
import { PRICE_SOURCES, PRICES_AS_OF } from "./pricing.ts";
import { formatMarkdown, formatTable, type Row } from "./report.ts";
import { measureRequests } from "./requests_per_task.ts";
import { measureThroughput } from "./throughput.ts";
import { measureWarm } from "./warm_latency.ts";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const log = (message: string) =>
  console.error(`[bench ${(performance.now() / 1000).toFixed(0)} s] ${message}`);
const names = { invokeFloor: "bench-invoke-floor", s3Floor: "bench-s3-floor" };

async function closeAll(executors: readonly Outcome<AWSLambdaExecutor>[]): Promise<void> {
  await Promise.allSettled(executors.map((e) => e.ok ? e.value.close() : Promise.resolve()));
}

const started = new Date();
const machineAtStart = machineInfo();
log("starting local AWS");
const bed = await startBenchBed();
const rows: Row[] = [];
/** Rows by section, printed in the order (1 warm, 2 first task, 3 map, 4 large, 5 requests). */
const sections: Row[][] = [[], [], [], [], []];
const raw: Record<string, unknown> = {};
let stages: StageP50[] = [];
try {
  log("deploying the floor functions");
  const role = benchRole(bed.aws);
  await deployFloorFunction(bed.lambda, role, names.invokeFloor, INVOKE_FLOOR_SOURCE);
  await deployFloorFunction(bed.lambda, role, names.s3Floor, S3_FLOOR_SOURCE);

  const ours = await attempt(() => oursExecutor(bed));
  const perTask = await attempt(() => oursExecutor(bed, { functionPerTask: true }));
  const large = await attempt(async () => {
    const executor = await oursExecutor(bed, { memorySize: 1024, timeout: 300 });
    await executor.run((b: Uint8Array) => b, [new Uint8Array(1024)]);
    return executor;
  });
  try {
    log("1/5 warm task latency (interleaved)");
    const warm = await measureWarm({
      bed,
      invokeFloorName: names.invokeFloor,
      s3FloorName: names.s3Floor,
      ours,
      perTask,
    });
    sections[0] = warm.rows;
    raw.warm = warm.sides;
    if (ours.ok) stages = await stageP50s(ours.value).catch(() => []);

    log("5/5 requests per warm small task");
    const requests = await measureRequests(bed, names, ours);
    raw.requests = requests;

    log("2/5 first task of a fresh process (child processes)");
    const first = await measureFirstTask(bed, names.invokeFloor);
    sections[1] = first.rows;
    raw.firstTask = first.runs;

    log("4/5 large byte arguments");
    const largeValues = await measureLargeValues(bed, large);
    sections[3] = largeValues.rows;
    raw.largeValues = { sizes: largeValues.sizes, huge: largeValues.huge };

    log("3/5 map throughput");
    const throughput = await measureThroughput(bed, names.invokeFloor, ours);
    sections[2] = throughput.rows;
    raw.throughput = throughput.figures;

    sections[4] = requests.rows;
  } finally {
    rows.push(...sections.flat());
    await closeAll([ours, perTask, large]);
  }
} finally {
  await bed.close();
}

const machine = machineInfo();
console.log(`\n@covalent/awslambda bench, ${started.toISOString()}, ${machine.cpus} × ${machine.cpuModel}\n`);
console.log(formatTable(rows));
console.log(
  `load average at start ${machineAtStart.loadAverage.join(" ")}, at end ${machine.loadAverage.join(" ")}`,
);
console.log(`\nratio = ours ÷ floor. Prices as of ${PRICES_AS_OF} (${PRICE_SOURCES.join(", ")}).`);

await writeFile(
  here("./results.json"),
  JSON.stringify(
    {
      date: started.toISOString(),
      durationSeconds: Math.round(performance.now() / 1000),
      machine: {
        ...machine,
        loadAverageAtStart: machineAtStart.loadAverage,
        loadAverageAtEnd: machine.loadAverage,
      },
      localAws: { concurrency: BENCH_CONCURRENCY, pendingMs: 50 },
      prices: { asOf: PRICES_AS_OF, sources: PRICE_SOURCES },
      rows,
      markdown: formatMarkdown(rows),
      stages,
      raw,
    },
    null,
    2,
  ) + "\n",
);

const warmSides = (raw.warm ?? {}) as Record<string, { summary?: { p50: number } }>;
const sideBars: Bar[] = Object.entries(warmSides)
  .filter(([, side]) => side.summary !== undefined)
  .map(([name, side]) => ({
    label: name,
    value: side.summary!.p50,
    color: name === "ours" ? "#d9822b" : "#4a7bb7",
  }));
const panels: Panel[] = [
  {
    title: "Ours, warm small task: p50 per stage (executor.timings())",
    unit: "ms",
    bars: stages.map((s) => ({ label: `${s.stage} (n=${s.count})`, value: s.p50Ms, color: "#d9822b" })),
  },
  { title: "Warm small task, p50 per side", unit: "ms", bars: sideBars },
];
await writeFile(
  here("./breakdown.svg"),
  barChart(
    "@covalent/awslambda — warm task breakdown (embedded local AWS)",
    panels,
    `${started.toISOString().slice(0, 10)} · ${machine.cpus} × ${machine.cpuModel} · Deno ${machine.deno}`,
  ),
);
log("wrote bench/results.json and bench/breakdown.svg");
Deno.exit(0);
