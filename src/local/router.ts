/**
 * The one entry point of local AWS: authenticates each request and hands it to the service
 * its credential scope names (all services share one port, as LocalStack's edge does).
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import type { LocalAccount } from "./account.ts";
import { authenticate, type ServiceName } from "./auth/authenticate.ts";
import type { LocalRequest, LocalResponse } from "./http/exchange.ts";
import type { LocalService } from "./service.ts";

/** Builds the request handler that serves every service on one port. */
export function createRouter(
  account: LocalAccount,
  services: Readonly<Record<ServiceName, LocalService>>,
): (request: LocalRequest) => Promise<LocalResponse> {
  return async (request) => {
    const requestId = randomUUID();
    const auth = await authenticate(request, account);
    const service = services[auth.service];
    if (!auth.ok) return service.renderError(auth.error, requestId);
    try {
      return await service.handle({
        ...auth.request,
        region: auth.region,
        requestId,
        accessKeyId: auth.accessKeyId,
        presigned: auth.presigned,
      });
    } catch (error) {
      // A bug in a service: answer it as AWS answers its own internal failures.
      const detail = error instanceof Error ? error.message : String(error);
      return service.renderError(
        { status: 500, code: auth.service === "s3" ? "InternalError" : "ServiceException", message: detail },
        requestId,
      );
    }
  };
}
