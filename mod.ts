/**
 * Run TypeScript tasks on AWS Lambda from a workflow: Covalent's AWS Lambda executor, rebuilt
 * on Effect.
 *
 * A task is a self-contained function (shipped as its source) or a `moduleTask(...)` (bundled
 * with its imports). Arguments and results round-trip Date, Map, Set, BigInt, typed arrays,
 * cycles and errors. Failures are typed errors that say what to do; everything the executor
 * creates in the account is removed on success, failure and interruption.
 *
 * - `runOnLambda(task, args, options)`: one task, one call.
 * - `new AWSLambdaExecutor(options)`: many tasks on one shared function; `close()` when done.
 * - `LambdaExecutor` + `lambdaExecutorLayer(options)`: the same as an Effect service.
 * - `executor.map(task, argsList, options)`: many tasks at once, results in input order.
 * - `loadConfig`, `encode`, `deployFunction`, `buildEvent`, `invoke`, `decode`: the pipeline's
 *   stages, for composing your own.
 *
 * Options come from defaults, then `[executors.awslambda]` in Covalent's config file, then the
 * environment, then the options you pass. `endpoint: "local"` runs everything on an embedded
 * local AWS: no account needed.
 *
 * @example Run a task without an AWS account
 * ```ts
 * import { runOnLambda } from "@covalent/awslambda";
 * const sum = await runOnLambda((a: number, b: number) => a + b, [1, 2], { endpoint: "local" });
 * console.log(sum); // 3
 * ```
 *
 * @example Catch a typed error
 * ```ts
 * import { runOnLambda, TaskFailed } from "@covalent/awslambda";
 * try {
 *   await runOnLambda(() => { throw new RangeError("out of range"); }, [], { endpoint: "local" });
 * } catch (error) {
 *   if (error instanceof TaskFailed) console.error(error.remoteName, error.remoteStack);
 * }
 * ```
 *
 * @module
 */
export { runOnLambda, type RunOnLambdaOptions } from "./src/pipeline/run_on_lambda.ts";
export {
  AWSLambdaExecutor,
  type AWSLambdaExecutorOptions,
  type MapCallOptions,
  type RunOptions,
} from "./src/pipeline/aws_lambda_executor.ts";
export {
  type ExecutorBuildError,
  LambdaExecutor,
  type MapOptions,
  type RunError,
  type RunMeta,
} from "./src/pipeline/lambda_executor.ts";
export { lambdaExecutorLayer } from "./src/pipeline/run.ts";
export type { Indexed, MapProgress, SettledResult } from "./src/pipeline/map_tasks.ts";
export { progressPrinter, type ProgressPrinterOptions } from "./src/pipeline/progress_printer.ts";
export type { DeployProgress } from "./src/pipeline/deploy_progress.ts";
export { deployProgressPrinter } from "./src/pipeline/deploy_progress_printer.ts";
export type { ExecutorHooks } from "./src/pipeline/executor_hooks.ts";
export {
  isModuleTask,
  type ModuleTask,
  moduleTask,
  type Task,
  type TaskFunction,
  type TaskResult,
} from "./src/task/task.ts";
export { type ConfigEnvironment, loadConfig } from "./src/config/load_config.ts";
export { awsProfileRegion, type ProfileRegion } from "./src/config/aws_profile_region.ts";
export type { ExecutorOptions } from "./src/config/executor_options.ts";
export type { ExecutorConfig } from "./src/config/executor_config.ts";
export type { ConfigSource } from "./src/config/config_source.ts";
export { chooseRunIds, type RunIds } from "./src/pipeline/run_ids.ts";
export { encode, type EncodedTask, type EncodeSettings } from "./src/pipeline/encode.ts";
export {
  deployFunction,
  type DeployHooks,
  type Deployment,
  type FunctionSettings,
} from "./src/pipeline/deploy.ts";
export {
  buildEvent,
  type InvocationFailure,
  type InvocationReply,
  invoke,
  type InvokeSettings,
} from "./src/pipeline/invoke.ts";
export { decode, type DecodeSettings } from "./src/pipeline/decode.ts";
export type {
  AnswerDocument,
  CodeSource,
  InvocationEvent,
  OutcomeRecord,
  OutcomeRoute,
  ValueSource,
} from "./src/runtime/protocol.ts";
export type { CodeStore } from "./src/pipeline/code_store.ts";
export { ThrottleRetryPolicy } from "./src/pipeline/throttle_retry_policy.ts";
export { activeWaitSchedule, outcomePollSchedule, throttleRetrySchedule } from "./src/pipeline/schedules.ts";
export { sweepEffect, type SweepReport, type SweepSettings } from "./src/pipeline/sweep.ts";
export { uninstallEffect, type UninstallReport, type UninstallSettings } from "./src/pipeline/uninstall.ts";
export { sweep, type SweepOptions, uninstall, type UninstallOptions } from "./src/pipeline/maintenance.ts";
export { type Check, diagnose } from "./src/pipeline/diagnose.ts";
export { EXPIRY_RULE_ID, initAccount, type InitStep } from "./src/pipeline/init_account.ts";
export { type ExpiryRule, SetupApi } from "./src/aws/setup_api.ts";
export { closeExecutorsOnSignal, type CloseOnSignalOptions } from "./src/pipeline/close_on_signal.ts";
export type { StageStats } from "./src/pipeline/stage_stats.ts";
export type { ExecutorStats, TaskCost } from "./src/pipeline/cost_stats.ts";
export { type InvocationReport, readReportLine } from "./src/pipeline/report_line.ts";
export { LIST_PRICES, type PriceTable } from "./src/pipeline/prices.ts";
export { awsApiLayer, type AwsApiSettings, awsLayer, type AwsServices } from "./src/aws/aws_layer.ts";
export { type ListedObject, S3Api } from "./src/aws/s3_api.ts";
export {
  type FunctionSpec,
  type FunctionState,
  type InvokeAnswer,
  LambdaApi,
  type ListedFunction,
} from "./src/aws/lambda_api.ts";
export { IamApi, type RoleInfo } from "./src/aws/iam_api.ts";
export { AwsSession } from "./src/aws/aws_session.ts";
export type { CallerIdentity } from "./src/aws/sts_api.ts";
export {
  AwsError,
  type AwsErrorReason,
  type AwsService,
  describeReason,
  type TransportFailure,
} from "./src/aws/aws_error.ts";
export type { AwsCallSite } from "./src/aws/to_aws_error.ts";
export type { EmbeddedAws } from "./src/aws/embedded_local_aws.ts";
export {
  type CredentialSource,
  credentialSource,
  type CredentialSourceOptions,
} from "./src/aws/credential_source.ts";
export type { AwsCredentials, CredentialsLookup } from "./src/aws/aws_credentials.ts";
export { ConfigError, CredentialsError } from "./src/config/config_error.ts";
export {
  type CacheWriteFailure,
  StagingError,
  TaskEncodingError,
} from "./src/pipeline/errors/staging_errors.ts";
export {
  BucketAccessDenied,
  BucketNotFound,
  BucketRegionMismatch,
} from "./src/pipeline/errors/bucket_errors.ts";
export {
  DeployError,
  type DeployStep,
  RoleNotAssumable,
  RoleNotFound,
} from "./src/pipeline/errors/deploy_errors.ts";
export { InvokeError, Throttled } from "./src/pipeline/errors/invoke_errors.ts";
export { ResultDecodeError, TaskFailed, TaskTimedOut } from "./src/pipeline/errors/outcome_errors.ts";
export { VERSION } from "./src/version.ts";
