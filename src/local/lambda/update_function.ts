/**
 * UpdateFunctionCode (`PUT …/code`) and UpdateFunctionConfiguration (`PUT …/configuration`):
 * both answer at once with LastUpdateStatus InProgress and finish after `pendingMs`.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { configurationJson } from "./configuration_json.ts";
import { CODE_REQUEST_LIMIT } from "./create_function.ts";
import { readDeploymentPackage } from "./deployment_package.ts";
import { assertUpdatable, beginUpdate } from "./function_lifecycle.ts";
import { findFunction } from "./function_lookup.ts";
import { type FunctionRecord, type FunctionRevision, lambdaTimestamp } from "./function_record.ts";
import { applySettings, readArchitecture } from "./function_settings.ts";
import { type JsonObject, jsonResponse, readJsonObject, stringMember } from "./json_exchange.ts";
import type { LambdaContext, LambdaOperationHandler } from "./lambda_context.ts";
import { functionNotFound, LambdaFailure } from "./lambda_failure.ts";
import type { ServiceRequest } from "../service.ts";
import type { LocalResponse } from "../http/exchange.ts";

/** Handles UpdateFunctionCode. */
export const updateFunctionCode: LambdaOperationHandler = async (context, request, route) => {
  const input = await readJsonObject(request, CODE_REQUEST_LIMIT, "UpdateFunctionCode");
  const { record } = findFunction(context, route.target ?? "", null);
  checkPreconditions(record, input);
  const architecture = readArchitecture(input.Architectures) ?? record.latest.settings.architecture;
  const zip = await readDeploymentPackage(input, context.deps.code);
  const code = await context.codeStore.store(record.name, zip);
  if (input.DryRun === true) return respond(context, request, record);
  return commit(context, request, record, (latest) => ({
    revisionId: randomUUID(),
    settings: { ...latest.settings, architecture },
    code,
    lastModified: lambdaTimestamp(),
  }));
};

/** Handles UpdateFunctionConfiguration. */
export const updateFunctionConfiguration: LambdaOperationHandler = async (context, request, route) => {
  const input = await readJsonObject(request, 1024 * 1024, "UpdateFunctionConfiguration");
  const { record } = findFunction(context, route.target ?? "", null);
  checkPreconditions(record, input);
  const settings = applySettings(input, record.latest.settings, context.deps.roles);
  return commit(context, request, record, (latest) => ({
    revisionId: randomUUID(),
    settings,
    code: latest.code,
    lastModified: lambdaTimestamp(),
  }));
};

function checkPreconditions(record: FunctionRecord, input: JsonObject): void {
  assertUpdatable(record);
  const expected = stringMember(input.RevisionId);
  if (expected !== undefined && expected !== record.latest.revisionId) {
    throw new LambdaFailure(
      412,
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
    );
  }
}

/**
 * Applies an update, checking again that the function is still there and updatable: it may
 * have been deleted, or another update started, while this one read its code.
 */
function commit(
  context: LambdaContext,
  request: ServiceRequest,
  record: FunctionRecord,
  next: (latest: FunctionRevision) => FunctionRevision,
): LocalResponse {
  if (context.registry.get(record.name) !== record) throw functionNotFound(record.arn);
  assertUpdatable(record);
  beginUpdate(context, record, next(record.latest));
  return respond(context, request, record);
}

function respond(context: LambdaContext, request: ServiceRequest, record: FunctionRecord): LocalResponse {
  return jsonResponse(200, configurationJson(record, { region: context.account.region }), request.requestId);
}
