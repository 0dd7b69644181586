/**
 * Process executors over a scratch directory, with the limits the executor tests share.
 *
 * @module
 */
import {
  createProcessExecutor,
  type ProcessExecutorOptions,
} from "../../src/local/execution/process_executor.ts";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { createScratch, type Scratch } from "./execution_fixtures.ts";

/** What to change from the tests' defaults. */
export interface ScratchExecutorOptions extends Partial<Omit<ProcessExecutorOptions, "account">> {
  /**
   * The AWS endpoint functions are given.
   * @default {a port nothing listens on}
   */
  readonly endpoint?: string;
}

/**
 * Creates a process executor whose account data lives in `scratch`: 10 concurrent
 * executions, 10 s for a process to start and 60 s idle unless `options` say otherwise.
 *
 * @param scratch The scratch directory.
 * @param options Limits, runtime and endpoint to change.
 * @returns The executor; close it before removing the scratch directory.
 */
export function scratchExecutor(scratch: Scratch, options: ScratchExecutorOptions = {}): FunctionExecutor {
  return createProcessExecutor({
    account: scratch.account(options.endpoint),
    concurrency: options.concurrency ?? 10,
    functionStartTimeoutMs: options.functionStartTimeoutMs ?? 10_000,
    idleMs: options.idleMs ?? 60_000,
    runtime: options.runtime,
    nodeBinaries: options.nodeBinaries,
    roleCredentials: options.roleCredentials,
  });
}

/** A scratch directory and an executor over it. */
export interface ScratchExecutor {
  /** Where function code and account data go. */
  readonly scratch: Scratch;
  /** The executor. */
  readonly executor: FunctionExecutor;
  /** Closes the executor, ending its processes, then removes the scratch directory. */
  close(): Promise<void>;
}

/**
 * Creates a scratch directory and an executor over it (see `scratchExecutor` for defaults).
 *
 * @example In a describe block
 * ```ts
 * let scratch: Scratch;
 * let executor: FunctionExecutor;
 * let close: () => Promise<void>;
 * before(async () => ({ scratch, executor, close } = await startScratchExecutor({ concurrency: 20 })));
 * after(() => close());
 * ```
 *
 * @param options Limits, runtime and endpoint to change.
 * @returns The directory, the executor and how to close both.
 */
export async function startScratchExecutor(options: ScratchExecutorOptions = {}): Promise<ScratchExecutor> {
  const scratch = await createScratch();
  const executor = scratchExecutor(scratch, options);
  return {
    scratch,
    executor,
    close: async () => {
      await executor.close();
      await scratch.remove();
    },
  };
}
