/**
 * What every Lambda operation works with: the account, the service's dependencies, the
 * function registry, the code store and the queue of asynchronous invocations.
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import type { AsyncInvocationQueue } from "./async_invocations.ts";
import type { CodeStore } from "./code_store.ts";
import type { CodeSource, RoleDirectory } from "./dependencies.ts";
import type { FunctionExecutor } from "./function_executor.ts";
import type { FunctionRegistry } from "./function_registry.ts";
import type { LambdaRoute } from "./lambda_routes.ts";

/** What the Lambda service is built from. */
export interface LambdaServiceDependencies {
  /** IAM roles, to check `Role`. */
  readonly roles: RoleDirectory;
  /** S3 objects, for `Code.S3Bucket`/`S3Key`. */
  readonly code: CodeSource;
  /** Runs invocations. */
  readonly executor: FunctionExecutor;
  /** How long a new function stays Pending, and an update InProgress (ms). */
  readonly pendingMs: number;
  /**
   * Account-wide concurrent executions, reported by GetAccountSettings and bounding the sum of
   * reserved concurrency.
   * @default {10}
   */
  readonly concurrency?: number;
  /**
   * Factor applied to AWS's asynchronous-invocation delays (about 1 and 2 minutes before the
   * retries of a failed event, 1 s to 5 min of backoff for a throttled one, 6 h maximum event
   * age). Defaults to `pendingMs / 18000`: 1 minute becomes 1 s at the default 300 ms.
   */
  readonly asyncTimeScale?: number;
}

/** The state shared by the operations of one Lambda service. */
export interface LambdaContext {
  readonly account: LocalAccount;
  readonly deps: LambdaServiceDependencies;
  /** Account-wide concurrent executions. */
  readonly concurrency: number;
  readonly registry: FunctionRegistry;
  readonly codeStore: CodeStore;
  readonly asyncInvocations: AsyncInvocationQueue;
}

/** One operation: answers a routed request, throwing `LambdaFailure` for expected errors. */
export type LambdaOperationHandler = (
  context: LambdaContext,
  request: ServiceRequest,
  route: LambdaRoute,
) => Promise<LocalResponse>;
