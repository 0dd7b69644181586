/**
 * What a deployment reports while it creates a function and waits for it to become Active —
 * the stage of a first run that can take from a second to over a minute (IAM propagation).
 *
 * @module
 */

/**
 * One step of a deployment. A function that is already Active reports nothing, so a warm
 * executor stays quiet; otherwise the steps are `creating` (once, when this call creates the
 * function), `waiting` (each time its state is read and it is not yet ready) and `ready`.
 *
 * @example
 * ```ts
 * import type { DeployProgress } from "@covalent/awslambda";
 * const show = (p: DeployProgress) => console.error(`${p.functionName}: ${p.phase} ${p.state ?? ""}`);
 * ```
 */
export interface DeployProgress {
  /** The function being deployed. */
  readonly functionName: string;
  /** Where the deployment is. */
  readonly phase: "creating" | "waiting" | "ready";
  /** The function's state as Lambda last reported it (`Pending`, `Inactive`, …), when known. */
  readonly state?: string;
  /** Why it is in that state, as Lambda says (e.g. the role is not assumable yet). */
  readonly reason?: string;
  /** Time since the deployment started, ms. */
  readonly elapsedMs: number;
}
