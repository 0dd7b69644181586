/**
 * `deployFunction`: makes sure a Lambda function that can run tasks exists and is Active.
 *
 * @module
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type FunctionConfiguration,
  GetFunctionConfigurationCommand,
  type Runtime,
} from "@aws-sdk/client-lambda";
import { Effect } from "effect";
import { AwsClients } from "../aws/aws_clients.ts";
import { VERSION } from "../version.ts";
import { runtimePackage } from "./deployment_package.ts";
import { DeployError, type RoleNotFound } from "./errors/deploy_errors.ts";
import { sharedFunctionName, taskFunctionName } from "./function_name.ts";
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
}

/**
 * Deploys the generic runtime under a content-addressed name, creating the function only if
 * it is absent (another process creating it at the same moment is fine), and waits until it
 * is Active.
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
) => Effect.Effect<Deployment, DeployError | RoleNotFound, AwsClients> = Effect.fn("deployFunction")(
  function* (settings: FunctionSettings, hooks: DeployHooks = {}) {
    const { lambda } = yield* AwsClients;
    const roleArn = yield* resolveRoleArn(settings.role);
    const pkg = runtimePackage();
    const functionName = settings.taskId !== undefined
      ? taskFunctionName(settings.taskId)
      : sharedFunctionName({ ...settings, packageSha256: pkg.sha256, roleArn });
    const failure = (what: string, reason: unknown) =>
      new DeployError({
        functionName,
        reason,
        message: `Cannot deploy function "${functionName}": ${what}: ${describe(reason)}. ` +
          `Check that your credentials allow lambda:GetFunctionConfiguration, lambda:CreateFunction and ` +
          `iam:PassRole on the execution role, and that \`runtime\`, \`memory_size\` and \`timeout\` are ` +
          `accepted in this region.`,
      });

    const existing = yield* getConfiguration(functionName).pipe(
      Effect.mapError((e) => failure("GetFunction failed", e)),
    );
    let created = false;
    if (existing === undefined) {
      created = yield* Effect.tryPromise({
        try: () =>
          lambda.send(
            new CreateFunctionCommand({
              FunctionName: functionName,
              Role: roleArn,
              Runtime: settings.runtime as Runtime,
              Handler: "index.handler",
              Code: { ZipFile: pkg.zip },
              Timeout: settings.timeout,
              MemorySize: settings.memorySize,
              Architectures: [settings.architecture],
              Description: `covalent-awslambda ${VERSION} task runner`,
              Tags: { [EXECUTOR_TAG]: VERSION },
            }),
          ).then(() => true),
        catch: (reason) => reason,
      }).pipe(
        Effect.retry({ schedule: roleVisibilitySchedule, while: isRoleNotYetAssumable }),
        Effect.catch((reason) =>
          isAlreadyExists(reason)
            ? Effect.succeed(false)
            : Effect.fail(failure("CreateFunction failed", reason))
        ),
        Effect.tap((madeHere) => (madeHere && hooks.onCreated ? hooks.onCreated(functionName) : Effect.void)),
        Effect.uninterruptible,
      );
    }
    const active = yield* waitUntilActive(functionName).pipe(
      Effect.mapError((e) => (e instanceof DeployError ? e : failure("waiting for Active failed", e))),
    );
    yield* Effect.logDebug(`function ${functionName} is Active (${created ? "created" : "reused"})`);
    return { functionName, functionArn: active.FunctionArn ?? functionName, created };
  },
);

/** Deletes a function; a function that is already gone is no error. */
export const deleteFunction: (functionName: string) => Effect.Effect<void, unknown, AwsClients> = Effect.fn(
  "deleteFunction",
)(function* (functionName: string) {
  const { lambda } = yield* AwsClients;
  yield* Effect.tryPromise({
    try: () => lambda.send(new DeleteFunctionCommand({ FunctionName: functionName })),
    catch: (reason) => reason,
  }).pipe(Effect.catchIf((e) => (e as Error).name === "ResourceNotFoundException", () => Effect.void));
});

function getConfiguration(
  functionName: string,
): Effect.Effect<FunctionConfiguration | undefined, unknown, AwsClients> {
  return Effect.gen(function* () {
    const { lambda } = yield* AwsClients;
    return yield* Effect.tryPromise({
      try: () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
      catch: (reason) => reason,
    }).pipe(
      Effect.map((c): FunctionConfiguration | undefined => c),
      Effect.catchIf(
        (e) => (e as Error).name === "ResourceNotFoundException",
        () => Effect.succeed(undefined),
      ),
    );
  });
}

function waitUntilActive(functionName: string): Effect.Effect<FunctionConfiguration, unknown, AwsClients> {
  return getConfiguration(functionName).pipe(
    Effect.flatMap((config) => {
      if (config?.State === "Failed") {
        return Effect.fail(
          new DeployError({
            functionName,
            reason: config,
            message: `Function "${functionName}" failed to become Active: ${config.StateReasonCode ?? ""} ${
              config.StateReason ?? ""
            }`.trim(),
          }),
        );
      }
      return Effect.succeed(config);
    }),
    Effect.repeat({
      schedule: activeWaitSchedule,
      until: (config) => config?.State === "Active" && config.LastUpdateStatus !== "InProgress",
    }),
    Effect.timeoutOrElse({
      duration: MAX_ACTIVE_WAIT,
      orElse: () => Effect.fail(`still not Active after ${MAX_ACTIVE_WAIT}`),
    }),
    Effect.flatMap((config) =>
      config === undefined
        ? Effect.fail("the function disappeared while it was being created")
        : Effect.succeed(config)
    ),
  );
}

function isAlreadyExists(reason: unknown): boolean {
  return (reason as Error).name === "ResourceConflictException" &&
    /already exist/i.test((reason as Error).message);
}

function isRoleNotYetAssumable(reason: unknown): boolean {
  return (reason as Error).name === "InvalidParameterValueException" &&
    /cannot be assumed/i.test((reason as Error).message);
}

function describe(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}
