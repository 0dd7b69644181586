/**
 * A TypeScript consumer of the installed package: the npm build type-checks it with `tsc`
 * (Node's module resolution, strict, library checking on) against the installed declarations.
 * It is compiled, never run.
 *
 * @module
 */
import { Effect } from "effect";
import {
  AWSLambdaExecutor,
  type AWSLambdaExecutorOptions,
  LambdaExecutor,
  lambdaExecutorLayer,
  moduleTask,
  runOnLambda,
  type StageStats,
  TaskEncodingError,
  TaskFailed,
  type TaskResult,
  VERSION,
} from "@covalent/awslambda";
import { type LocalAws, type LocalAwsOptions, startLocalAws } from "@covalent/awslambda/local";
import { cliHelp, type CliIo, runCli } from "@covalent/awslambda/cli";

const options: AWSLambdaExecutorOptions = { endpoint: "local", memorySize: 1024, timeout: 120 };
const version: string = VERSION;

export async function consume(): Promise<string> {
  const sum: number = await runOnLambda((a: number, b: number) => a + b, [1, 2], options);
  // @ts-expect-error: the arguments must match the task's parameters.
  await runOnLambda((a: number) => a, ["not a number"]);

  const parseStation = moduleTask<(toml: string) => { name: string }>(
    new URL("./fixtures/station_tasks.mjs", import.meta.url),
    "parseStation",
  );
  const executor = new AWSLambdaExecutor(options);
  const station: { name: string } = await executor.run(parseStation, ['name = "x"']);
  const timings: readonly StageStats[] = await executor.timings();
  const squares: number[] = await executor.map((n: number) => n * n, [[1], [2]]);
  await executor.close();
  type Parsed = TaskResult<typeof parseStation>;
  const parsed: Parsed = station;

  try {
    await runOnLambda(() => undefined, []);
  } catch (error) {
    if (error instanceof TaskFailed) return `${error.remoteName}: ${error.remoteMessage}`;
    if (error instanceof TaskEncodingError) return error.path;
  }

  const product = LambdaExecutor.use((lambda) => lambda.run((a: number, b: number) => a * b, [6, 7])).pipe(
    Effect.catchTag("TaskFailed", (failure) => Effect.succeed(-1 + failure.remoteMessage.length)),
  );
  const answer: number = await Effect.runPromise(product.pipe(Effect.provide(lambdaExecutorLayer(options))));

  const localOptions: LocalAwsOptions = { port: 0, pendingMs: 50 };
  const aws: LocalAws = await startLocalAws(localOptions);
  const endpoint: string = aws.endpoint;
  await aws.close();

  const io: CliIo = { out: () => {}, err: () => {}, stopRequested: () => new Promise(() => {}) };
  const code: number = await runCli(["--help"], io);
  return [version, sum, parsed.name, timings.length, squares.length, answer, endpoint, code, cliHelp()].join(
    " ",
  );
}
