/**
 * PLACEHOLDER — the process-based function executor (to be replaced).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { FunctionExecutor } from "../lambda/function_executor.ts";

/** How the executor runs function processes. */
export interface ProcessExecutorOptions {
  /** The account (endpoint, region, credentials for the function's environment). */
  readonly account: LocalAccount;
  /** Account-wide concurrent executions. */
  readonly concurrency: number;
  /** How long a new process may take to ask for its first event (ms). */
  readonly functionStartTimeoutMs: number;
  /** How long an idle process stays warm (ms). */
  readonly idleMs: number;
}

/** Creates an executor that runs each environment as a separate OS process. */
export function createProcessExecutor(_options: ProcessExecutorOptions): FunctionExecutor {
  return {
    invoke: () => Promise.reject(new Error("not yet")),
    retire: () => Promise.resolve(),
    busyCount: () => 0,
    close: () => Promise.resolve(),
  };
}
