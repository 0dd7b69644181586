/**
 * The one entry point of local AWS: authenticates each request, counts it by service and
 * operation, and hands it to the service its credential scope names (all services share one
 * port, as LocalStack's edge does), in the signer's account for the services each account has
 * to itself.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { authenticate, type ServiceName } from "./auth/authenticate.ts";
import type { KeyRing } from "./auth/key_ring.ts";
import type { LocalRequest, LocalResponse } from "./http/exchange.ts";
import type { FaultInjector } from "./faults/fault_injector.ts";
import type { RequestCounter } from "./request_counts.ts";
import type { LocalService } from "./service.ts";

/** Where the router finds keys and services. */
export interface RouterTargets {
  /** Every key local AWS accepts. */
  readonly keys: KeyRing;
  /** The region of anonymous requests. */
  readonly region: string;
  /**
   * The service that answers a request. `accountId` is the signer's account (absent for
   * anonymous requests and for errors rendered before anyone was identified).
   */
  service(name: ServiceName, accountId: string | undefined): LocalService;
}

/**
 * Builds the request handler that serves every service on one port. Every request is counted
 * in `counter` once, before faults apply: refused ones as `Unauthenticated`, the rest under the
 * operation their service names.
 */
export function createRouter(
  targets: RouterTargets,
  faults?: FaultInjector,
  counter?: RequestCounter,
): (request: LocalRequest) => Promise<LocalResponse> {
  return async (request) => {
    const requestId = randomUUID();
    const auth = await authenticate(request, targets.keys, targets.region);
    if (!auth.ok) {
      counter?.count(auth.service, "Unauthenticated");
      return targets.service(auth.service, undefined).renderError(auth.error, requestId);
    }
    const service = targets.service(auth.service, auth.caller?.accountId);
    const identified = await service.identify(auth.request);
    counter?.count(auth.service, identified.operation);
    const fault = faults?.apply(auth.service, identified.request);
    if (fault) {
      if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.dropConnection === "beforeServing") return brokenConnection();
      const answer = fault.answer;
      if (answer && "code" in answer) {
        return service.renderError(
          {
            status: answer.status,
            code: answer.code,
            message: answer.message ?? `Injected fault: ${answer.code}`,
          },
          requestId,
        );
      }
      if (answer) return answer as LocalResponse;
    }
    try {
      const response = await service.handle({
        ...identified.request,
        region: auth.region,
        requestId,
        accessKeyId: auth.accessKeyId,
        presigned: auth.presigned,
        caller: auth.caller,
      });
      if (fault?.dropConnection !== "afterServing") return response;
      await discardBody(response);
      return brokenConnection();
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

/** A response whose body fails before its first byte: the listener then destroys the socket. */
function brokenConnection(): LocalResponse {
  return {
    status: 200,
    body: {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("injected broken connection")) }),
    },
  };
}

async function discardBody(response: LocalResponse): Promise<void> {
  const body = response.body;
  if (body !== undefined && typeof body === "object" && Symbol.asyncIterator in body) {
    for await (const _ of body) { /* drained so the source closes */ }
  }
}
