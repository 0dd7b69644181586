/**
 * CreateFunction: `POST /2015-03-31/functions` → 201 with the new function, State Pending.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { configurationJson } from "./configuration_json.ts";
import { readDeploymentPackage } from "./deployment_package.ts";
import { functionArn, parseFunctionIdentifier } from "./function_identifier.ts";
import { activateLater } from "./function_lifecycle.ts";
import { type FunctionRecord, lambdaTimestamp } from "./function_record.ts";
import { applySettings, defaultSettings, readArchitecture } from "./function_settings.ts";
import { readTags } from "./function_tags.ts";
import { jsonResponse, objectMember, readJsonObject, stringMember } from "./json_exchange.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import { invalidParameter, resourceConflict, validationFailure } from "./lambda_failure.ts";

/** AWS's limit on a CreateFunction / UpdateFunctionCode request (a 50 MB zip in base64). */
export const CODE_REQUEST_LIMIT = 69_905_067;

/** Handles CreateFunction. */
export const createFunction: LambdaOperationHandler = async (context, request) => {
  const input = await readJsonObject(request, CODE_REQUEST_LIMIT, "CreateFunction");
  const nameText = stringMember(input.FunctionName);
  const code = objectMember(input.Code);
  if (nameText === undefined || code === undefined) {
    throw validationFailure([{
      value: "null",
      member: nameText === undefined ? "functionName" : "code",
      constraint: "Member must not be null",
    }]);
  }
  const identifier = parseFunctionIdentifier(nameText);
  if (identifier.qualifier !== undefined) {
    throw invalidParameter("Unsupported: a function name passed to CreateFunction cannot have a qualifier.");
  }
  const name = identifier.name;
  if (input.PackageType === "Image") {
    throw invalidParameter(
      "Container image functions are not supported by local AWS; use a .zip file archive.",
    );
  }
  const architecture = readArchitecture(input.Architectures) ?? "x86_64";
  const settings = applySettings(input, { ...defaultSettings(name), architecture }, context.deps.roles);
  const tags = readTags(input.Tags);
  if (!context.registry.reserve(name)) throw resourceConflict(`Function already exist: ${name}`);
  let record: FunctionRecord;
  try {
    const zip = await readDeploymentPackage(code, context.deps.code);
    const stored = await context.codeStore.store(name, zip);
    const revision = { revisionId: randomUUID(), settings, code: stored, lastModified: lambdaTimestamp() };
    record = {
      name,
      arn: functionArn(context.account.region, context.account.accountId, name),
      latest: revision,
      serving: revision,
      state: "Pending",
      tags,
    };
  } catch (error) {
    context.registry.release(name);
    throw error;
  }
  context.registry.add(record);
  activateLater(context, record);
  return jsonResponse(201, configurationJson(record, { region: context.account.region }), request.requestId);
};
