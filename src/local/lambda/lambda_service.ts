/**
 * PLACEHOLDER — the Lambda service (to be replaced).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { LocalService } from "../service.ts";
import type { CodeSource, RoleDirectory } from "./dependencies.ts";
import type { FunctionExecutor } from "./function_executor.ts";
import { lambdaError } from "./lambda_error.ts";

/** What the Lambda service is built from. */
export interface LambdaServiceDependencies {
  /** IAM roles, to check `Role`. */
  readonly roles: RoleDirectory;
  /** S3 objects, for `Code.S3Bucket`/`S3Key`. */
  readonly code: CodeSource;
  /** Runs invocations. */
  readonly executor: FunctionExecutor;
  /** How long a new function stays Pending (ms). */
  readonly pendingMs: number;
}

/** Creates the Lambda service (control plane and Invoke). */
export function createLambdaService(_account: LocalAccount, deps: LambdaServiceDependencies): LocalService {
  return {
    handle: (request) => Promise.resolve(lambdaError(501, "NotImplemented", "not yet", request.requestId)),
    renderError: (error, requestId) => lambdaError(error.status, error.code, error.message, requestId),
    close: () => deps.executor.close(),
  };
}
