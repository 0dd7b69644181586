/**
 * Local STS: GetCallerIdentity, answered as the root of the one simulated account whatever
 * key signed the request (local AWS accepts only its own keys anyway).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { LocalService } from "../service.ts";
import { handleQueryRequest, type QueryServiceSpec } from "./query_dispatch.ts";
import { queryError } from "./query_error.ts";
import { element } from "./role_xml.ts";

/**
 * Creates the STS service (GetCallerIdentity).
 *
 * @example Serve STS
 * ```ts
 * const sts = createStsService(account);
 * // GetCallerIdentity → Account 000000000000, Arn arn:aws:iam::000000000000:root
 * ```
 *
 * @param account The simulated account.
 * @returns The service.
 */
export function createStsService(account: LocalAccount): LocalService {
  const identity = element("Arn", `arn:aws:iam::${account.accountId}:root`) +
    element("UserId", account.accountId) + element("Account", account.accountId);
  const spec: QueryServiceSpec = {
    service: "sts",
    version: "2011-06-15",
    operations: new Map([["GetCallerIdentity", () => identity]]),
  };
  return {
    handle: (request) => handleQueryRequest(spec, request),
    renderError: (error, requestId) => queryError("sts", error.status, error.code, error.message, requestId),
    close: () => Promise.resolve(),
  };
}
