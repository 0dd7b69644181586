/**
 * The Lambda service of local AWS: the control plane (functions, their code, configuration,
 * state, tags, concurrency and async settings) and Invoke, over Lambda's REST-JSON protocol.
 *
 * @module
 */
import { join } from "node:path";
import type { LocalAccount } from "../account.ts";
import type { LocalService } from "../service.ts";
import { createAsyncInvocationQueue } from "./async_invocations.ts";
import { createCodeStore } from "./code_store.ts";
import { deactivate } from "./function_lifecycle.ts";
import { createFunctionRegistry } from "./function_registry.ts";
import type { LambdaContext, LambdaServiceDependencies } from "./lambda_context.ts";
import { lambdaError } from "./lambda_error.ts";
import { LambdaFailure } from "./lambda_failure.ts";
import { LAMBDA_OPERATIONS } from "./lambda_operations.ts";
import { matchLambdaRoute } from "./lambda_routes.ts";

export type { LambdaServiceDependencies } from "./lambda_context.ts";

/** The Lambda service, plus the admin handles the server offers. */
export interface LambdaService extends LocalService {
  /**
   * Makes an Active function Inactive (State `Inactive`, StateReasonCode `Idle`).
   * @throws {Error} when it does not exist or is not Active and settled.
   */
  deactivateFunction(name: string): void;
}

/** AWS's one-minute retry delay becomes 1 s at the default `pendingMs` of 300. */
const PENDING_MS_PER_ASYNC_MINUTE = 18_000;

/**
 * Creates the Lambda service. Functions and their state live in memory; their code is kept
 * under `<dataDir>/lambda/`. Closing it cancels pending state changes and async retries, then
 * closes the executor.
 *
 * @example
 * ```ts
 * const lambda = createLambdaService(account, { roles, code, executor, pendingMs: 300 });
 * ```
 */
export function createLambdaService(account: LocalAccount, deps: LambdaServiceDependencies): LambdaService {
  const registry = createFunctionRegistry();
  const asyncInvocations = createAsyncInvocationQueue({
    registry,
    executor: deps.executor,
    timeScale: deps.asyncTimeScale ?? deps.pendingMs / PENDING_MS_PER_ASYNC_MINUTE,
  });
  const context: LambdaContext = {
    account,
    deps,
    concurrency: deps.concurrency ?? 10,
    registry,
    codeStore: createCodeStore(join(account.dataDir, "lambda")),
    asyncInvocations,
  };
  return {
    identify: (request) => ({
      operation: matchLambdaRoute(request.method, request.rawPath)?.operation ?? "Unknown",
      request,
    }),
    async handle(request) {
      const route = matchLambdaRoute(request.method, request.rawPath);
      if (route === undefined) {
        return lambdaError(
          404,
          "UnknownOperationException",
          `Unknown operation ${request.method} ${request.rawPath}`,
          request.requestId,
        );
      }
      try {
        return await LAMBDA_OPERATIONS[route.operation](context, request, route);
      } catch (error) {
        if (error instanceof LambdaFailure) return error.render(request.requestId);
        throw error;
      }
    },
    renderError: (error, requestId) => lambdaError(error.status, error.code, error.message, requestId),
    deactivateFunction: (name) => deactivate(context, name),
    async close() {
      registry.close();
      asyncInvocations.close();
      await deps.executor.close();
    },
  };
}
