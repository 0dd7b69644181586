/**
 * GetFunction, GetFunctionConfiguration and ListFunctions.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { codeLocation } from "./code_location.ts";
import { configurationJson } from "./configuration_json.ts";
import { findFunction } from "./function_lookup.ts";
import { jsonResponse } from "./json_exchange.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import { quoted, validationFailure } from "./lambda_failure.ts";

const DEFAULT_PAGE = 50;
const MAX_PAGE = 10_000;

/** GetFunction: configuration, code location, tags (when any) and reserved concurrency (when set). */
export const getFunction: LambdaOperationHandler = (context, request, route) => {
  const { record, qualifier } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  const body: Record<string, unknown> = {
    Configuration: configurationJson(record, {
      region: context.account.region,
      qualified: qualifier !== undefined,
    }),
    Code: { RepositoryType: "S3", Location: codeLocation(context, request, record) },
  };
  if (Object.keys(record.tags).length > 0) body.Tags = { ...record.tags };
  if (record.reservedConcurrency !== undefined) {
    body.Concurrency = { ReservedConcurrentExecutions: record.reservedConcurrency };
  }
  return Promise.resolve(jsonResponse(200, body, request.requestId));
};

/** GetFunctionConfiguration. */
export const getFunctionConfiguration: LambdaOperationHandler = (context, request, route) => {
  const { record, qualifier } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  const body = configurationJson(record, {
    region: context.account.region,
    qualified: qualifier !== undefined,
  });
  return Promise.resolve(jsonResponse(200, body, request.requestId));
};

/**
 * ListFunctions, by name, `MaxItems` (default 50) at a time. `NextMarker` is sent only when
 * more functions follow (paginators stop on its absence).
 */
export const listFunctions: LambdaOperationHandler = (context, request) => {
  const maxText = request.query.get("MaxItems");
  const pageSize = maxText === null ? DEFAULT_PAGE : Number(maxText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
    throw validationFailure([{
      value: quoted(maxText),
      member: "maxItems",
      constraint: pageSize > MAX_PAGE
        ? `Member must have value less than or equal to ${MAX_PAGE}`
        : "Member must have value greater than or equal to 1",
    }]);
  }
  const marker = request.query.get("Marker");
  const from = marker === null ? "" : Buffer.from(marker, "base64url").toString("utf8");
  const remaining = context.registry.list().filter((record) => record.name >= from);
  const page = remaining.slice(0, pageSize);
  const body: Record<string, unknown> = {
    Functions: page.map((record) =>
      configurationJson(record, { region: context.account.region, listItem: true })
    ),
  };
  if (remaining.length > pageSize) {
    body.NextMarker = Buffer.from(remaining[pageSize].name, "utf8").toString("base64url");
  }
  return Promise.resolve(jsonResponse(200, body, request.requestId));
};
