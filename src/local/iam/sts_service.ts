/**
 * Local STS: GetCallerIdentity (answered as whoever signed), GetSessionToken and AssumeRole
 * (temporary credentials every local service then accepts with their session token).
 *
 * @module
 */
import type { LocalService } from "../service.ts";
import { identifyQueryAction } from "./query_action.ts";
import { handleQueryRequest, type QueryServiceSpec } from "./query_dispatch.ts";
import { queryError } from "./query_error.ts";
import { type StsDependencies, stsOperations } from "./sts_operations.ts";

export type { StsDependencies } from "./sts_operations.ts";

/**
 * Creates the STS service.
 *
 * @example Serve STS
 * ```ts
 * const sts = createStsService({ keys: accounts.keys, findRole: (arn) => iam.findRole(arn) });
 * // GetCallerIdentity with the primary keys → Account 000000000000, Arn arn:aws:iam::000000000000:root
 * ```
 *
 * @param deps The key ring and a role lookup across accounts.
 * @returns The service.
 */
export function createStsService(deps: StsDependencies): LocalService {
  const spec: QueryServiceSpec = {
    service: "sts",
    version: "2011-06-15",
    operations: new Map(stsOperations(deps)),
  };
  return {
    identify: identifyQueryAction,
    handle: (request) => handleQueryRequest(spec, request),
    renderError: (error, requestId) => queryError("sts", error.status, error.code, error.message, requestId),
    close: () => Promise.resolve(),
  };
}
