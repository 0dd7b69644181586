/**
 * Where a run's function comes from, behind one interface: the executor's shared function
 * (deployed once, kept after close), or — with `function_per_task` — a function of the run's
 * own, removed when the run's scope closes.
 *
 * @module
 */
import { Effect, Scope } from "effect";
import type { IamApi } from "../aws/iam_api.ts";
import type { LambdaApi } from "../aws/lambda_api.ts";
import { deleteFunction, deployFunction, type Deployment, type FunctionSettings } from "./deploy.ts";
import type { DeployProgress } from "./deploy_progress.ts";
import type { DeployError, RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";
import type { RunIds } from "./run_ids.ts";
import { makeSharedDeployment } from "./shared_deployment.ts";

/** The failures of getting a function. */
export type FunctionFailure = DeployError | RoleNotFound | RoleNotAssumable;

/** Gives runs their function. */
export interface FunctionProvider {
  /** The function for a run, deployed (or woken) if needed. */
  acquire(ids: RunIds): Effect.Effect<Deployment, FunctionFailure, LambdaApi | IamApi | Scope.Scope>;
  /** Forgets a function that turned out gone or not ready, so the next `acquire` deploys or wakes it. */
  refresh(deployment: Deployment): Effect.Effect<void>;
  /** Whether a vanished function may be deployed again for the same run (the shared one may). */
  readonly redeployable: boolean;
}

/** The shared function: one per settings, reused by every run. */
export function sharedFunctions(
  settings: FunctionSettings,
  onProgress?: (progress: DeployProgress) => void,
): Effect.Effect<FunctionProvider> {
  return makeSharedDeployment(settings, onProgress).pipe(
    Effect.map((shared): FunctionProvider => ({
      acquire: () => shared.get,
      refresh: shared.invalidate,
      redeployable: true,
    })),
  );
}

/**
 * One function per run (the original plugin's isolation). With `cleanup`, it is removed when
 * the run's scope closes — registered the moment it exists, so interruption cannot leak it.
 */
export function perRunFunctions(
  settings: FunctionSettings,
  cleanup: boolean,
  onProgress?: (progress: DeployProgress) => void,
): FunctionProvider {
  return {
    acquire: (ids) =>
      Effect.gen(function* () {
        const scope = yield* Effect.scope;
        const context = yield* Effect.context<LambdaApi>();
        return yield* deployFunction({ ...settings, taskId: `${ids.taskId}-${ids.runId}` }, {
          onCreated: (name) =>
            cleanup
              ? Scope.addFinalizer(
                scope,
                deleteFunction(name).pipe(Effect.ignore, Effect.provideContext(context)),
              )
              : Effect.void,
          onProgress,
        });
      }),
    refresh: () => Effect.void,
    redeployable: false,
  };
}
