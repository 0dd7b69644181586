/**
 * The executor's shared function: deployed on first use, reused by every task after, deployed
 * again if it disappears. It stays after close: it costs nothing idle, and the next executor
 * reuses it.
 *
 * @module
 */
import { Effect, Semaphore } from "effect";
import type { IamApi } from "../aws/iam_api.ts";
import type { LambdaApi } from "../aws/lambda_api.ts";
import { deployFunction, type Deployment, type FunctionSettings } from "./deploy.ts";
import type { DeployProgress } from "./deploy_progress.ts";
import type { DeployError, RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";

/** Access to the shared deployment. */
export interface SharedDeployment {
  /** The deployment, deploying it first if needed (one deploy at a time). */
  readonly get: Effect.Effect<Deployment, DeployError | RoleNotFound | RoleNotAssumable, LambdaApi | IamApi>;
  /** Forgets a deployment that turned out to be gone, so the next `get` deploys again. */
  readonly invalidate: (deployment: Deployment) => Effect.Effect<void>;
}

/** Makes the shared-deployment cache for one executor. */
export function makeSharedDeployment(
  settings: FunctionSettings,
  onProgress?: (progress: DeployProgress) => void,
): Effect.Effect<SharedDeployment> {
  return Effect.gen(function* () {
    const lock = yield* Semaphore.make(1);
    let current: Deployment | undefined;
    const get = Effect.suspend(() => {
      if (current) return Effect.succeed(current);
      return deployFunction(settings, { onProgress }).pipe(
        Effect.tap((deployment) => Effect.sync(() => (current = deployment))),
      );
    }).pipe(lock.withPermits(1));
    return {
      // Fast path without the lock once deployed.
      get: Effect.suspend(() => (current ? Effect.succeed(current) : get)),
      invalidate: (deployment) =>
        Effect.sync(() => {
          if (current?.functionName === deployment.functionName) current = undefined;
        }),
    };
  });
}
