/**
 * Serving an AWS query-protocol service from a table of operations: reads the parameters,
 * picks the operation by `Action`, and answers its result or its `QueryFailure`.
 *
 * @module
 */
import { BodyTooLarge } from "../http/body.ts";
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import type { QUERY_NAMESPACES } from "./query_error.ts";
import { queryError } from "./query_error.ts";
import { QueryFailure } from "./query_failure.ts";
import { readQueryParameters } from "./query_parameters.ts";
import { queryResponse } from "./query_response.ts";

/**
 * One operation: takes the request's parameters (and the request, for who sent it) and returns
 * the XML inside its `<{Action}Result>` (or `undefined` when it has no output). Expected
 * failures are thrown as `QueryFailure`.
 */
export type QueryOperation = (parameters: URLSearchParams, request: ServiceRequest) => string | undefined;

/** A query-protocol service described as data. */
export interface QueryServiceSpec {
  /** The service's namespace key. */
  readonly service: keyof typeof QUERY_NAMESPACES;
  /** The API version clients send (`2010-05-08` for IAM, `2011-06-15` for STS). */
  readonly version: string;
  /** The operations by `Action` name. */
  readonly operations: ReadonlyMap<string, QueryOperation>;
}

/**
 * Answers one request of a query-protocol service.
 *
 * @param spec The service.
 * @param request An authenticated request.
 * @returns The result document, or an `<ErrorResponse>`.
 */
export async function handleQueryRequest(
  spec: QueryServiceSpec,
  request: ServiceRequest,
): Promise<LocalResponse> {
  const fail = (failure: QueryFailure) =>
    queryError(spec.service, failure.status, failure.code, failure.message, request.requestId);
  let parameters: URLSearchParams;
  try {
    parameters = await readQueryParameters(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return fail(new QueryFailure(413, "RequestEntityTooLarge", "Request body is too large."));
  }
  const action = parameters.get("Action");
  if (action === null || action === "") return fail(new QueryFailure(400, "MissingAction", "Missing Action"));
  const version = parameters.get("Version") ?? spec.version;
  const operation = spec.operations.get(action);
  if (operation === undefined || version !== spec.version) {
    return fail(
      new QueryFailure(400, "InvalidAction", `Could not find operation ${action} for version ${version}`),
    );
  }
  try {
    return queryResponse(spec.service, action, operation(parameters, request), request.requestId);
  } catch (error) {
    if (error instanceof QueryFailure) return fail(error);
    throw error;
  }
}
