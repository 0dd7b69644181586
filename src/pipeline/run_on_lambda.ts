/**
 * `runOnLambda`: one call that configures, runs one task and cleans up.
 *
 * @module
 */
import type { Task } from "../task/task.ts";
import { AWSLambdaExecutor, type AWSLambdaExecutorOptions, type RunOptions } from "./aws_lambda_executor.ts";

/**
 * Options of `runOnLambda`: the executor's options plus the run's.
 *
 * @example Options for one call
 * ```ts
 * import { runOnLambda, type RunOnLambdaOptions } from "@covalent/awslambda";
 * const options: RunOnLambdaOptions = { endpoint: "local", timeout: 30, logLevel: "Info" };
 * await runOnLambda(() => "done", [], options);
 * ```
 */
export interface RunOnLambdaOptions extends AWSLambdaExecutorOptions, RunOptions {}

/**
 * Runs one task on AWS Lambda and resolves to its value; everything created for it is
 * removed before the promise settles (with `cleanup` on, the default).
 *
 * @param task A self-contained function, or a `moduleTask(...)`.
 * @param args The task's arguments.
 * @param options Executor options (merged with Covalent's config file and the environment),
 *   plus `signal`, `dispatchId`, `nodeId` and `logLevel`.
 * @returns The task's value.
 *
 * @example
 * ```ts
 * import { runOnLambda } from "@covalent/awslambda";
 * const sum = await runOnLambda((a: number, b: number) => a + b, [1, 2], { endpoint: "local" }); // 3
 * ```
 */
// deno-lint-ignore no-explicit-any
export async function runOnLambda<Args extends readonly any[], R>(
  task: Task<Args, R>,
  args: Args,
  options: RunOnLambdaOptions = {},
): Promise<Awaited<R>> {
  const { signal, dispatchId, nodeId, ...executorOptions } = options;
  const executor = new AWSLambdaExecutor(executorOptions);
  try {
    return await executor.run(task, args, { signal, dispatchId, nodeId });
  } finally {
    await executor.close();
  }
}
