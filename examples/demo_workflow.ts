/**
 * The demo workflow: a fan-out with a live progress line on an embedded local AWS, one module
 * task with an npm dependency, one task that throws; then the results and a per-stage timing
 * table.
 *
 * Run it with `deno task demo`. Ctrl-C interrupts it and still removes everything it created.
 *
 * @module
 */
import {
  AWSLambdaExecutor,
  closeExecutorsOnSignal,
  deployProgressPrinter,
  moduleTask,
  progressPrinter,
  type StageStats,
  TaskFailed,
} from "../mod.ts";
import type { parseStation } from "./demo_tasks.ts";

const controller = new AbortController();
// Ctrl-C closes every open executor (runs in flight reject, what they wrote is removed) and sets
// exit code 130; the abort lets this program say why it stops.
closeExecutorsOnSignal({ onSignal: () => controller.abort(new Error("interrupted by Ctrl-C")) });
const signal = controller.signal;

console.log("Starting an embedded local AWS and the executor …");
const executor = new AWSLambdaExecutor({
  endpoint: "local",
  logLevel: "Warn",
  onDeployProgress: deployProgressPrinter(),
});
const started = performance.now();
try {
  // 1. Fan out: count primes in 40 ranges, 8 at a time, on one shared function.
  const countPrimes = (from: number, to: number): number => {
    let count = 0;
    for (let n = Math.max(2, from); n < to; n++) {
      let prime = true;
      for (let d = 2; d * d <= n; d++) {
        if (n % d === 0) {
          prime = false;
          break;
        }
      }
      if (prime) count++;
    }
    return count;
  };
  const ranges = Array.from({ length: 40 }, (_, i) => [i * 5_000, (i + 1) * 5_000] as [number, number]);
  const counts = await executor.map(countPrimes, ranges, {
    concurrency: 8,
    signal,
    onProgress: progressPrinter({ label: "map", stream: process.stdout }),
  });
  console.log(`primes below 200,000 in 40 ranges: ${counts.reduce((a, b) => a + b, 0)}`);

  // 2. A module task that imports an npm package; its Map result comes back as a Map.
  const station = await executor.run(
    moduleTask<typeof parseStation>(new URL("./demo_tasks.ts", import.meta.url), "parseStation"),
    ['name = "Ridge-7"\n[sensors]\nwind = 10\ntemperature = 1\n'],
    { dispatchId: "demo", nodeId: "station", signal },
  );
  console.log(
    `station ${station.name}: sensors ${[...station.sensors].map(([k, v]) => `${k}@${v}Hz`).join(", ")}`,
  );

  // 3. Values round-trip: Dates, BigInts, Sets.
  const summary = await executor.run(
    (since: Date, readings: Set<bigint>) => ({
      days: Math.round((Date.UTC(2026, 10, 25) - since.getTime()) / 86_400_000),
      total: [...readings].reduce((a, b) => a + b, 0n),
    }),
    [new Date("2026-01-01T00:00:00Z"), new Set([2n ** 64n, 1n])],
    { dispatchId: "demo", nodeId: "summary", signal },
  );
  console.log(`summary: ${summary.days} days, total ${summary.total} (a BigInt: ${typeof summary.total})`);

  // 4. A task that throws: the remote error comes back typed, with its stack and output.
  try {
    await executor.run(
      () => {
        console.log("checking the sensor …");
        throw new Error("sensor offline");
      },
      [],
      { dispatchId: "demo", nodeId: "faulty", signal },
    );
  } catch (error) {
    if (!(error instanceof TaskFailed)) throw error;
    console.log(
      `\nthe faulty task failed as expected: ${error._tag} — ${error.remoteName}: ${error.remoteMessage}`,
    );
    console.log(`  its stdout: ${JSON.stringify(error.stdout)}`);
    console.log(`  remote stack:\n    ${(error.remoteStack ?? "").split("\n").slice(0, 3).join("\n    ")}`);
  }

  printTimings(await executor.timings());
  const { total, prices } = await executor.stats();
  const s3Requests = total.s3Requests.put + total.s3Requests.get;
  console.log(
    `\ncost: ${total.tasks} tasks billed ${total.billedMs} ms (${total.gbSeconds.toFixed(4)} GB-s), ` +
      `${total.lambdaRequests} Lambda and ${s3Requests} S3 request${s3Requests === 1 ? "" : "s"}: ` +
      `$${total.dollars.toFixed(6)} at ${prices.region} list prices of ${prices.asOf}`,
  );
  console.log(`\nworkflow finished in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  if (!signal.aborted) throw error;
  console.log(`\n${(signal.reason as Error).message}: stopping …`);
} finally {
  await executor.close();
  console.log("executor closed: everything the tasks wrote and the local AWS are gone");
}

/** A live progress line on a terminal; on a pipe, one line at the end. */
function printTimings(stats: readonly StageStats[]): void {
  const cell = (text: string, width: number) => text.padStart(width);
  console.log(`\n${"stage".padEnd(10)}${["runs", "p50", "p95", "max"].map((h) => cell(h, 11)).join("")}`);
  for (const s of stats) {
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `${s.stage.padEnd(10)}${
        [String(s.count), ms(s.p50Ms), ms(s.p95Ms), ms(s.maxMs)].map((t) => cell(t, 11)).join("")
      }`,
    );
  }
}
