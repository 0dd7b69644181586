/**
 * TagResource, UntagResource and ListTags on functions (`/2017-03-31/tags/{ARN}`), and the
 * validation of the `Tags` member of CreateFunction.
 *
 * @module
 */
import type { FunctionRecord } from "./function_record.ts";
import { functionArn, parseFunctionIdentifier } from "./function_identifier.ts";
import { emptyResponse, jsonResponse, objectMember, readJsonObject } from "./json_exchange.ts";
import type { LambdaContext, LambdaOperationHandler } from "./lambda_context.ts";
import { functionNotFound, invalidParameter, validationFailure } from "./lambda_failure.ts";

const MAX_TAGS = 50;
const RESOURCE_PATTERN =
  "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

/**
 * Reads a `Tags` map: at most 50 tags, keys 1–128 and values up to 256 characters, no `aws:`
 * prefix. Throws AWS's errors otherwise.
 */
export function readTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, text] of Object.entries(objectMember(value) ?? {})) {
    const tagValue = typeof text === "string" ? text : String(text);
    if (key.length < 1 || key.length > 128 || tagValue.length > 256) {
      throw validationFailure([{
        value: `'${key}'`,
        member: "tags",
        constraint: "Map keys must have length between 1 and 128, values at most 256",
      }]);
    }
    if (key.toLowerCase().startsWith("aws:")) {
      throw invalidParameter("Tag keys prefixed with 'aws:' are reserved for AWS use.");
    }
    tags[key] = tagValue;
  }
  return tags;
}

function taggedFunction(context: LambdaContext, resource: string): FunctionRecord {
  if (!resource.startsWith("arn:")) {
    throw validationFailure([{
      value: `'${resource}'`,
      member: "resource",
      constraint: `Member must satisfy regular expression pattern: ${RESOURCE_PATTERN}`,
    }]);
  }
  const identifier = parseFunctionIdentifier(resource, "resource");
  if (identifier.qualifier !== undefined) {
    throw invalidParameter(
      "Tags on function aliases and versions are not supported. Please specify a function ARN.",
    );
  }
  const record = context.registry.get(identifier.name);
  if (!record) {
    throw functionNotFound(functionArn(context.account.region, context.account.accountId, identifier.name));
  }
  return record;
}

/** TagResource: `POST /2017-03-31/tags/{ARN}` with `{"Tags":{…}}` → 204. */
export const tagResource: LambdaOperationHandler = async (context, request, route) => {
  const input = await readJsonObject(request, 1024 * 1024, "TagResource");
  const record = taggedFunction(context, route.target ?? "");
  const merged = { ...record.tags, ...readTags(input.Tags) };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw invalidParameter(`Number of tags exceeds resource tag limit of ${MAX_TAGS}.`);
  }
  record.tags = merged;
  return emptyResponse(204, request.requestId);
};

/** UntagResource: `DELETE /2017-03-31/tags/{ARN}?tagKeys=a&tagKeys=b` → 204. */
export const untagResource: LambdaOperationHandler = (context, request, route) => {
  const record = taggedFunction(context, route.target ?? "");
  const tags = { ...record.tags };
  for (const key of request.query.getAll("tagKeys")) delete tags[key];
  record.tags = tags;
  return Promise.resolve(emptyResponse(204, request.requestId));
};

/** ListTags: `GET /2017-03-31/tags/{ARN}` → `{"Tags":{…}}`. */
export const listTags: LambdaOperationHandler = (context, request, route) => {
  const record = taggedFunction(context, route.target ?? "");
  return Promise.resolve(jsonResponse(200, { Tags: { ...record.tags } }, request.requestId));
};
