/**
 * Naming the `Action` of a query-protocol request (IAM, STS) before it is served: from the query
 * string, else from the form body, which is then replayed for the operation to read.
 *
 * @module
 */
import { concatBytes } from "../http/body.ts";
import type { LocalRequest } from "../http/exchange.ts";
import type { IdentifiedRequest } from "../service.ts";
import { MAX_FORM_BODY } from "./query_parameters.ts";

/**
 * Names a query-protocol request by its `Action` (the body's wins, as `readQueryParameters`
 * merges them). A body past the form limit is not searched (its operation fails anyway).
 *
 * @param request The request as it arrived.
 * @returns The action (`Unknown` when there is none) and the request with its body replayed.
 *
 * @example
 * ```ts
 * const { operation, request: replayed } = await identifyQueryAction(request); // "GetCallerIdentity"
 * ```
 */
export async function identifyQueryAction(request: LocalRequest): Promise<IdentifiedRequest> {
  const fromQuery = request.query.get("Action");
  const iterator = request.body[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let exhausted = false;
  while (size <= MAX_FORM_BODY) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const body = (async function* () {
    yield* head;
    if (!exhausted) yield* { [Symbol.asyncIterator]: () => iterator };
  })();
  const fromBody = exhausted
    ? new URLSearchParams(new TextDecoder().decode(concatBytes(head, size))).get("Action")
    : null;
  const action = fromBody ?? fromQuery;
  return { operation: action === null || action === "" ? "Unknown" : action, request: { ...request, body } };
}
