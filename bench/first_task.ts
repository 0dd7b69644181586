/**
 * Child program of section 2: the first task of a fresh process. Prints one line
 * `RESULT {"taskMs":…,"processMs":…}`: the time from the process's start (Deno's time origin)
 * to the answer, everything a user waits for included (runtime start, module loading, clients,
 * the task), and the part after the mode's modules were loaded. Each mode loads only what it
 * needs, after the clock started.
 *
 * Modes: `ours-deployed` (our shared function exists), `ours-fresh` (it does not: a memory size
 * no function has yet, `BENCH_MEMORY`), `floor-deployed` (a raw Invoke of the existing one-line
 * function `BENCH_FUNCTION`), `floor-fresh` (create the one-line function `BENCH_FUNCTION` by
 * hand, wait until Active, Invoke).
 *
 * Run by `bench/main.ts` as `deno run -A bench/first_task.ts <mode>`, with `BENCH_*` set.
 *
 * @module
 */
const env = (name: string) => {
  const value = Deno.env.get(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const mode = Deno.args[0];
let taskStarted = 0;
if (mode === "ours-deployed" || mode === "ours-fresh") {
  const { AWSLambdaExecutor } = await import("../mod.ts");
  const { OURS_MEMORY_MB } = await import("./ours.ts");
  taskStarted = performance.now();
  const executor = new AWSLambdaExecutor({
    endpoint: env("BENCH_ENDPOINT"),
    region: env("BENCH_REGION"),
    credentials: env("BENCH_CREDENTIALS"),
    profile: env("BENCH_PROFILE"),
    s3BucketName: env("BENCH_BUCKET"),
    memorySize: mode === "ours-fresh" ? Number(env("BENCH_MEMORY")) : OURS_MEMORY_MB,
  });
  try {
    const value = await executor.run((n: number) => n + 1, [1]);
    if (value !== 2) throw new Error(`answered ${value}`);
  } finally {
    await executor.close();
  }
} else if (mode === "floor-deployed" || mode === "floor-fresh") {
  const { LambdaClient } = await import("@aws-sdk/client-lambda");
  const { fromIni } = await import("@aws-sdk/credential-providers");
  const { deployFloorFunction, INVOKE_FLOOR_SOURCE, invokeFloor } = await import("./floors.ts");
  taskStarted = performance.now();
  const lambda = new LambdaClient({
    endpoint: env("BENCH_ENDPOINT"),
    region: env("BENCH_REGION"),
    credentials: fromIni({ filepath: env("BENCH_CREDENTIALS"), profile: env("BENCH_PROFILE") }),
  });
  const name = env("BENCH_FUNCTION");
  if (mode === "floor-fresh") await deployFloorFunction(lambda, env("BENCH_ROLE"), name, INVOKE_FLOOR_SOURCE);
  await invokeFloor(lambda, name, 1);
  lambda.destroy();
} else {
  console.error(`unknown mode ${mode}; expected ours-deployed, ours-fresh, floor-deployed or floor-fresh`);
  Deno.exit(2);
}
const now = performance.now();
console.log(`RESULT ${JSON.stringify({ taskMs: now - taskStarted, processMs: now })}`);
Deno.exit(0);
