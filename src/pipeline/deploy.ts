/**
 * `deployFunction`: makes sure a Lambda function that can run tasks exists and is Active.
 *
 * @module
 */
import { Effect, Ref } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import type { IamApi } from "../aws/iam_api.ts";
import { type FunctionSpec, type FunctionState, LambdaApi } from "../aws/lambda_api.ts";
import { VERSION } from "../version.ts";
import { runtimePackage } from "./deployment_package.ts";
import type { DeployProgress } from "./deploy_progress.ts";
import { DeployError, type RoleNotAssumable, type RoleNotFound } from "./errors/deploy_errors.ts";
import { FUNCTION_PREFIX, sharedFunctionName, taskFunctionName } from "./function_name.ts";
import { resolveRoleArn } from "./resolve_role.ts";
import { activeWaitSchedule, roleVisibilitySchedule } from "./schedules.ts";

/** Tag key on every function the executor creates; a sweep finds orphans by it. */
export const EXECUTOR_TAG = "covalent-awslambda";

/**
 * The settings of the function to deploy.
 *
 * @example The seed's defaults
 * ```ts
 * import type { FunctionSettings } from "@covalent/awslambda";
 * const settings: FunctionSettings = { runtime: "nodejs22.x", memorySize: 512, timeout: 60, role: "CovalentLambdaExecutionRole", architecture: "x86_64" };
 * ```
 */
export interface FunctionSettings {
  /** Lambda runtime, e.g. `nodejs22.x`. */
  readonly runtime: string;
  /** Memory, MB. */
  readonly memorySize: number;
  /** Timeout, seconds. */
  readonly timeout: number;
  /** Execution role name or ARN. */
  readonly role: string;
  /** Architecture. */
  readonly architecture: "x86_64" | "arm64";
  /** For the one-function-per-task mode: the task's id; omitted for the shared function. */
  readonly taskId?: string;
}

/**
 * A function ready to be invoked.
 *
 * @example Read the deployed function's name
 * ```ts
 * import { Effect } from "effect";
 * import { deployFunction } from "@covalent/awslambda";
 * const name = deployFunction({ runtime: "nodejs22.x", memorySize: 512, timeout: 60, role: "CovalentLambdaExecutionRole", architecture: "x86_64" })
 *   .pipe(Effect.map((d) => d.functionName));
 * ```
 */
export interface Deployment {
  /** Function name. */
  readonly functionName: string;
  /** Function ARN. */
  readonly functionArn: string;
  /** Whether this call created it (and so whoever called may delete it). */
  readonly created: boolean;
}

const MAX_ACTIVE_WAIT = "5 minutes";
/** An Inactive function is woken by an invocation (which fails); at most one per this period. */
const WAKE_INTERVAL_MS = 10_000;
/** A payload the runtime refuses at once, should the woken function already be Active. */
const WAKE_PAYLOAD = new TextEncoder().encode(JSON.stringify({ covalentWake: true }));

/**
 * Hooks of a deployment.
 *
 * @example Note every function this program creates
 * ```ts
 * import { Effect } from "effect";
 * import { deployFunction } from "@covalent/awslambda";
 * const created: string[] = [];
 * const deploy = deployFunction(
 *   { runtime: "nodejs22.x", memorySize: 512, timeout: 60, role: "CovalentLambdaExecutionRole", architecture: "x86_64" },
 *   { onCreated: (name) => Effect.sync(() => void created.push(name)) },
 * );
 * ```
 */
export interface DeployHooks {
  /**
   * Runs as soon as this call has created the function, before waiting for Active, and
   * together with the create request (it cannot be interrupted in between), so a caller can
   * register its removal even if it is interrupted while waiting.
   */
  readonly onCreated?: (functionName: string) => Effect.Effect<void>;
  /** Told when the function is created and while it is not yet Active; silent when it already is. */
  readonly onProgress?: (progress: DeployProgress) => void;
}

/**
 * Deploys the generic runtime under a content-addressed name, creating the function only if
 * it is absent (another process creating it at the same moment is fine), and waits until it
 * is Active: a new role is retried while IAM propagates it (about a minute), an Inactive
 * function is woken, and one deleted meanwhile is created again.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { deployFunction } from "@covalent/awslambda";
 * const program = deployFunction({
 *   runtime: "nodejs22.x", memorySize: 512, timeout: 60,
 *   role: "CovalentLambdaExecutionRole", architecture: "x86_64",
 * });
 * ```
 */
export const deployFunction: (
  settings: FunctionSettings,
  hooks?: DeployHooks,
) => Effect.Effect<Deployment, DeployError | RoleNotFound | RoleNotAssumable, LambdaApi | IamApi> = Effect.fn(
  "deployFunction",
)(
  function* (settings: FunctionSettings, hooks: DeployHooks = {}) {
    const lambda = yield* LambdaApi;
    const taskName = settings.taskId !== undefined ? taskFunctionName(settings.taskId) : undefined;
    const roleArn = yield* resolveRoleArn(settings.role, taskName ?? `${FUNCTION_PREFIX}… (shared)`);
    const pkg = runtimePackage();
    const functionName = taskName ?? sharedFunctionName({ ...settings, packageSha256: pkg.sha256, roleArn });
    const spec: FunctionSpec = {
      name: functionName,
      roleArn,
      runtime: settings.runtime,
      handler: "index.handler",
      zip: pkg.zip,
      timeoutSeconds: settings.timeout,
      memorySize: settings.memorySize,
      architecture: settings.architecture,
      description: `covalent-awslambda ${VERSION} task runner`,
      tags: { [EXECUTOR_TAG]: VERSION },
    };
    const failed = (step: DeployError["step"]) => (reason: AwsError) =>
      new DeployError({ functionName, step, reason });
    const started = Date.now();
    let reported = false;
    const report = (phase: DeployProgress["phase"], state?: FunctionState, reason?: string) =>
      Effect.sync(() => {
        if (!hooks.onProgress) return;
        reported = true;
        try {
          hooks.onProgress({
            functionName,
            phase,
            state: state?.state,
            reason: reason ?? state?.stateReason,
            elapsedMs: Date.now() - started,
          });
        } catch {
          // A display that throws must not fail the deployment it reports on.
        }
      });
    const created = yield* Ref.make(false);
    const recordCreated = Ref.set(created, true).pipe(
      Effect.andThen(hooks.onCreated?.(functionName) ?? Effect.void),
    );
    // The request stays interruptible; interrupted, it may or may not have created the function,
    // so the name is recorded either way (removing a function that does not exist is no error).
    const createOnce = lambda.createFunction(spec).pipe(
      Effect.tap(() => recordCreated),
      Effect.onInterrupt(() => recordCreated),
    );
    const roleNotYetAssumable = (e: AwsError) =>
      e.reason._tag === "RoleNotAssumable"
        ? report("waiting", undefined, "Lambda cannot assume the role yet; IAM is still propagating it")
        : Effect.void;
    const create = report("creating").pipe(
      Effect.andThen(createOnce.pipe(
        Effect.tapError(roleNotYetAssumable),
        Effect.retry({
          schedule: roleVisibilitySchedule,
          while: (e) => e.reason._tag === "RoleNotAssumable",
        }),
      )),
      Effect.catchIf((e) => e.reason._tag === "AlreadyExists", () => Effect.void),
      Effect.mapError(failed("create")),
      Effect.asVoid,
    );
    const readState = lambda.getFunction(functionName).pipe(
      Effect.map((state): FunctionState | undefined => state),
      Effect.catchIf((e) => e.reason._tag === "NotFound", () => Effect.succeed(undefined)),
      Effect.mapError(failed("read")),
    );
    const found = yield* readState;
    if (found === undefined) yield* create;
    // The state just read serves the first look (a reused Active function costs one request);
    // after a create, and on every later look, it is read again.
    let known: FunctionState | undefined = found;
    const look = Effect.suspend(() => {
      if (known === undefined) return readState;
      const state = known;
      known = undefined;
      return Effect.succeed<FunctionState | undefined>(state);
    });

    let lastWake = 0;
    const wake = Effect.suspend(() => {
      if (Date.now() - lastWake < WAKE_INTERVAL_MS) return Effect.void;
      lastWake = Date.now();
      return lambda.invoke(functionName, WAKE_PAYLOAD, 3).pipe(
        Effect.tap(() => Effect.logDebug(`woke function ${functionName} from Inactive`)),
        Effect.asVoid,
        // The waking invocation fails by design; only a refusal to let us invoke is a failure.
        Effect.catchIf(
          (e) => !["AccessDenied", "InvalidCredentials", "ExpiredCredentials"].includes(e.reason._tag),
          () => Effect.void,
        ),
        Effect.mapError(failed("wake")),
      );
    });
    const step = look.pipe(
      Effect.flatMap((state) => {
        if (state === undefined) return create.pipe(Effect.as(state));
        if (state.state === "Failed") {
          return Effect.fail(
            new DeployError({
              functionName,
              step: "activate",
              reason: `the function is Failed (${state.stateReasonCode ?? ""}: ${state.stateReason ?? ""})`,
            }),
          );
        }
        if (state.state === "Inactive") return wake.pipe(Effect.as(state));
        return Effect.succeed(state);
      }),
    );
    let last: FunctionState | undefined;
    const active = yield* step.pipe(
      Effect.tap((state) => Effect.sync(() => (last = state))),
      Effect.tap((state) => (isReady(state) ? Effect.void : report("waiting", state))),
      Effect.repeat({ schedule: activeWaitSchedule, until: isReady }),
      Effect.timeoutOrElse({
        duration: MAX_ACTIVE_WAIT,
        orElse: () =>
          Effect.fail(
            new DeployError({
              functionName,
              step: "activate",
              reason: `still ${last?.state ?? "absent"} after ${MAX_ACTIVE_WAIT}${
                last?.stateReason ? ` (${last.stateReason})` : ""
              }`,
            }),
          ),
      }),
    );
    if (reported) yield* report("ready", active);
    const madeHere = yield* Ref.get(created);
    yield* Effect.logDebug(`function ${functionName} is Active (${madeHere ? "created" : "reused"})`);
    return { functionName, functionArn: active?.arn ?? functionName, created: madeHere };
  },
);

/** Deletes a function; a function that is already gone is no error. */
export const deleteFunction: (functionName: string) => Effect.Effect<void, AwsError, LambdaApi> = Effect.fn(
  "deleteFunction",
)(function* (functionName: string) {
  const lambda = yield* LambdaApi;
  yield* lambda.deleteFunction(functionName).pipe(
    Effect.catchIf((e) => e.reason._tag === "NotFound", () => Effect.void),
  );
});

function isReady(state: FunctionState | undefined): boolean {
  return state?.state === "Active" && state.lastUpdateStatus !== "InProgress";
}
