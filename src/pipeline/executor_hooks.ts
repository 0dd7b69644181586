/**
 * Callbacks through which an executor reports what it is doing, for a program that wants to
 * show it (the library itself prints nothing).
 *
 * @module
 */
import type { DeployProgress } from "./deploy_progress.ts";

/**
 * What an executor reports while it works, besides its results.
 *
 * @example Print deployment progress
 * ```ts
 * import type { ExecutorHooks } from "@covalent/awslambda";
 * const hooks: ExecutorHooks = { onDeployProgress: (p) => console.error(p.phase, p.functionName) };
 * ```
 */
export interface ExecutorHooks {
  /** Told while a function is created and becomes Active (see `deployProgressPrinter`). */
  readonly onDeployProgress?: (progress: DeployProgress) => void;
}
