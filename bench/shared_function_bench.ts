/**
 * Per-task cost: the original plugin's way (create and delete one function per task, sleep
 * 5 s before polling) against ours (one shared function, polling that starts at 50 ms), on
 * the same embedded local AWS in one run. Reported as ratios, never as absolute targets.
 *
 * Run: `deno task bench` (about 20 s).
 *
 * @module
 */
import { AWSLambdaExecutor } from "../mod.ts";

const TASKS = 8;
const square = (n: number) => n * n;

async function timeTasks(label: string, options: ConstructorParameters<typeof AWSLambdaExecutor>[0]) {
  const executor = new AWSLambdaExecutor({ endpoint: "local", ...options });
  try {
    await executor.run(square, [0]); // warm up: start local AWS, bundle, first deploy
    const started = performance.now();
    for (let i = 1; i <= TASKS; i++) await executor.run(square, [i]);
    const perTask = (performance.now() - started) / TASKS;
    console.log(`${label.padEnd(44)} ${perTask.toFixed(1).padStart(8)} ms per task`);
    return perTask;
  } finally {
    await executor.close();
  }
}

const shared = await timeTasks("shared function, fast polling (ours)", { pollFreq: 5 });
const perTask = await timeTasks("one function per task, fast polling", {
  functionPerTask: true,
  pollFreq: 5,
});
// The seed sleeps poll_freq (5 s) before its first look at S3: add that floor to its figure.
const seedLike = perTask + 5_000;
console.log(`\nper-task function / shared function:          ${(perTask / shared).toFixed(1)}×`);
console.log(`seed-like (per-task + first 5 s sleep) / ours: ${(seedLike / shared).toFixed(1)}×`);
