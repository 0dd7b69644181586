/**
 * The request side of Invoke: the payload (size limits per invocation type, JSON check) and
 * the client context header.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { concatBytes } from "../http/body.ts";
import { entityTooLarge, invalidParameter, invalidRequestContent } from "./lambda_failure.ts";

/** Largest synchronous (RequestResponse / DryRun) request payload. */
export const SYNC_PAYLOAD_LIMIT = 6_291_456;
/** Largest asynchronous (Event) request payload. */
export const ASYNC_PAYLOAD_LIMIT = 1_048_576;

const EMPTY_EVENT = new TextEncoder().encode("{}");

/**
 * Reads an Invoke payload. Over the limit of the invocation type → 413
 * RequestEntityTooLargeException; not UTF-8 JSON → 400 InvalidRequestContentException; an
 * empty body is the event `{}`.
 */
export async function readInvocationPayload(
  body: AsyncIterable<Uint8Array>,
  invocationType: string,
): Promise<Uint8Array> {
  const limit = invocationType === "Event" ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Past the limit the rest is still read and counted: AWS's message gives the size.
  for await (const chunk of body) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) {
    throw entityTooLarge(
      invocationType === "Event"
        ? `${size} byte payload is too large for the Event invocation type (limit ${limit} bytes)`
        : `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
  }
  const payload = concatBytes(chunks, size);
  if (payload.length === 0) return EMPTY_EVENT;
  try {
    JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch (error) {
    throw invalidRequestContent(
      `Could not parse request body into json: Could not parse payload into json: ${
        (error as Error).message
      }`,
    );
  }
  return payload;
}

/**
 * Decodes `X-Amz-Client-Context` (base64 of a JSON object) into the JSON text the function
 * receives; undefined when the header is absent. Throws InvalidParameterValueException when it
 * is not base64 JSON.
 */
export function decodeClientContext(header: string | undefined): string | undefined {
  if (header === undefined || header === "") return undefined;
  const text = Buffer.from(header, "base64").toString("utf8");
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return text;
  } catch {
    // Answered below.
  }
  throw invalidParameter("Client context must be a valid Base64-encoded JSON object.");
}
