/**
 * Reading JSON request bodies and writing JSON responses the way Lambda's REST-JSON API does.
 *
 * @module
 */
import { BodyTooLarge, readBody } from "../http/body.ts";
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { entityTooLarge, invalidRequestContent } from "./lambda_failure.ts";

/** A JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>;

/**
 * Reads the body as a JSON object (an empty body is `{}`, as the SDK treats it). Larger than
 * `limit` → 413 "Request must be smaller than <limit> bytes for the <operation> operation".
 */
export async function readJsonObject(
  request: ServiceRequest,
  limit: number,
  operation: string,
): Promise<JsonObject> {
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request.body, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      throw entityTooLarge(`Request must be smaller than ${limit} bytes for the ${operation} operation`);
    }
    throw error;
  }
  if (bytes.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw invalidRequestContent(`Could not parse request body into json: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidRequestContent("Could not parse request body into json: expected a JSON object");
  }
  return parsed as JsonObject;
}

/** A JSON response with Lambda's request-id header. */
export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): LocalResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId, ...headers },
    body: JSON.stringify(body),
  };
}

/** An empty response (204 for the deletes and tag operations). */
export function emptyResponse(status: number, requestId: string): LocalResponse {
  return { status, headers: { "x-amzn-requestid": requestId } };
}

/** A member as a plain object, or undefined when absent or not an object. */
export function objectMember(value: unknown): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as JsonObject
    : undefined;
}

/** A string member, or undefined when absent or not a string. */
export function stringMember(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
