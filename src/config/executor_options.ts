/**
 * The options a user may give the executor; every one is optional and falls back to the
 * environment, Covalent's config file, then the default.
 *
 * @module
 */

/**
 * Options of the AWS Lambda executor (TOML names in Covalent's config file in brackets).
 *
 * @example Every option is optional
 * ```ts
 * import type { ExecutorOptions } from "@covalent/awslambda";
 * const options: ExecutorOptions = { region: "eu-west-1", timeout: 120, memorySize: 1024, cleanup: true };
 * ```
 */
export interface ExecutorOptions {
  /** Shared credentials file to read keys from [`credentials`, alias `credentials_file`]. Omitted: the SDK's default chain. */
  credentials?: string;
  /** Profile in the shared credentials/config files [`profile`]. */
  profile?: string;
  /**
   * AWS region [`region`].
   * @default {"us-east-1"}
   */
  region?: string;
  /**
   * Execution role the function runs as: a role name (looked up with IAM GetRole) or a full role ARN
   * [`lambda_role_name`, alias `execution_role`].
   * @default {"CovalentLambdaExecutionRole"}
   */
  lambdaRoleName?: string;
  /**
   * Bucket where tasks and results are staged [`s3_bucket_name`].
   * @default {"covalent-lambda-job-resources"}
   */
  s3BucketName?: string;
  /**
   * Local directory for staged files and bundles [`cache_dir`].
   * @default {"~/.cache/covalent"}
   */
  cacheDir?: string;
  /**
   * Longest wait between two checks for a task's result, in seconds [`poll_freq`].
   * @default {5}
   */
  pollFreq?: number;
  /**
   * Lambda function timeout in seconds, 1–900 [`timeout`].
   * @default {60}
   */
  timeout?: number;
  /**
   * Lambda function memory in MB, 128–10240 [`memory_size`].
   * @default {512}
   */
  memorySize?: number;
  /**
   * Remove staged objects after each task and created functions at the end [`cleanup`].
   * @default {true}
   */
  cleanup?: boolean;
  /**
   * URL of an S3/Lambda-compatible endpoint, or `"local"` to start an embedded local AWS [`endpoint`].
   * Omitted: the real AWS endpoints of `region`.
   */
  endpoint?: string;
  /**
   * Lambda runtime of the deployed function [`runtime`].
   * @default {"nodejs22.x"}
   */
  runtime?: string;
  /**
   * Instruction set of the deployed function [`architecture`].
   * @default {"x86_64"}
   */
  architecture?: "x86_64" | "arm64";
  /**
   * Create and delete one function per task (the original plugin's behaviour) instead of
   * reusing one shared function [`function_per_task`].
   * @default {false}
   */
  functionPerTask?: boolean;
  /**
   * Most tasks of this executor in flight at once [`max_concurrency`]; a task's timeout
   * starts when it gets its turn. Omitted: the account's unreserved concurrency
   * (GetAccountSettings), at most 512.
   */
  maxConcurrency?: number;
  /**
   * Largest invocation event and answer sent inline in the Invoke call, bytes [`inline_limit`];
   * larger arguments and results travel through S3.
   * @default {6000000}
   */
  inlineLimit?: number;
  /**
   * How many times a task is run again after an infrastructure failure that may have run it
   * (`InvokeError` with `mayHaveRun`) [`retries`]. Only for idempotent tasks; a task's own error
   * is never retried.
   * @default {0}
   */
  retries?: number;
  /** Path of Covalent's config file. Omitted: `$COVALENT_CONFIG_DIR/covalent.conf`, else `~/.config/covalent/covalent.conf`. */
  configFile?: string;
}
