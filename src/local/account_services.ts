/**
 * The services each simulated account has to itself: IAM (its roles), Lambda (its functions)
 * and the executor that runs them. S3 and STS are shared (bucket names are global; STS serves
 * every account from one endpoint).
 *
 * @module
 */
import type { LocalAccount } from "./account.ts";
import type { KeyRing } from "./auth/key_ring.ts";
import type { NodeBinaries } from "./execution/node_binaries.ts";
import { createProcessExecutor } from "./execution/process_executor.ts";
import { roleCredentialsIssuer } from "./execution/role_credentials.ts";
import { createIamService, type IamService } from "./iam/iam_service.ts";
import type { CodeSource } from "./lambda/dependencies.ts";
import { createLambdaService, type LambdaService } from "./lambda/lambda_service.ts";

/** One account's own services. */
export interface AccountServices {
  /** Its IAM. */
  readonly iam: IamService;
  /** Its Lambda. */
  readonly lambda: LambdaService;
}

/** What the per-account services are built with. */
export interface AccountServiceSettings {
  /** Deployment packages from (shared) S3. */
  readonly code: CodeSource;
  /** Account-wide concurrent executions (per account, as on AWS). */
  readonly concurrency: number;
  /** See `LocalAwsOptions.functionStartTimeoutMs`. */
  readonly functionStartTimeoutMs: number;
  /** See `LocalAwsOptions.idleMs`. */
  readonly idleMs: number;
  /** See `LocalAwsOptions.pendingMs`. */
  readonly pendingMs: number;
  /** See `LocalAwsOptions.rolePropagationMs`. */
  readonly rolePropagationMs: number;
  /** Where functions' role sessions are registered (local STS's key ring). */
  readonly keys?: KeyRing;
  /** See `LocalAwsOptions.nodeBinaries`. */
  readonly nodeBinaries?: NodeBinaries;
}

/**
 * Creates an account's IAM and Lambda services and its executor.
 *
 * @param account The account.
 * @param settings Shared settings.
 * @returns The services; closing the Lambda service closes the executor.
 *
 * @example
 * ```ts
 * const { iam, lambda } = createAccountServices(account, settings);
 * ```
 */
export function createAccountServices(
  account: LocalAccount,
  settings: AccountServiceSettings,
): AccountServices {
  const iam = createIamService(account, { rolePropagationMs: settings.rolePropagationMs });
  const executor = createProcessExecutor({
    account,
    concurrency: settings.concurrency,
    functionStartTimeoutMs: settings.functionStartTimeoutMs,
    idleMs: settings.idleMs,
    nodeBinaries: settings.nodeBinaries,
    ...(settings.keys
      ? { roleCredentials: roleCredentialsIssuer(settings.keys, (arn) => iam.findRole(arn)) }
      : {}),
  });
  const lambda = createLambdaService(account, {
    roles: iam.roles,
    code: settings.code,
    executor,
    pendingMs: settings.pendingMs,
    concurrency: settings.concurrency,
  });
  return { iam, lambda };
}
