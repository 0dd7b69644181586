/**
 * PLACEHOLDER — the STS service (to be replaced).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { LocalService } from "../service.ts";
import { queryError } from "./query_error.ts";

/** Creates the STS service (GetCallerIdentity). */
export function createStsService(_account: LocalAccount): LocalService {
  return {
    handle: (request) =>
      Promise.resolve(queryError("sts", 501, "NotImplemented", "not yet", request.requestId)),
    renderError: (error, requestId) => queryError("sts", error.status, error.code, error.message, requestId),
    close: () => Promise.resolve(),
  };
}
