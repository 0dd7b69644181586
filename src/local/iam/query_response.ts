/**
 * Success documents of the AWS query protocol (IAM, STS).
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import { QUERY_NAMESPACES } from "./query_error.ts";

/**
 * Renders `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…`.
 * The SDK reads only the `…Result` element under the root, so its name must match the action;
 * operations without output have no `…Result` at all.
 *
 * @param service Which namespace to answer in.
 * @param action The operation, e.g. `GetRole`.
 * @param result The XML inside `<{Action}Result>`, or `undefined` for operations without output.
 * @param requestId Sent both as `x-amzn-RequestId` (what the SDK reads) and in the XML.
 * @returns A 200 response.
 */
export function queryResponse(
  service: keyof typeof QUERY_NAMESPACES,
  action: string,
  result: string | undefined,
  requestId: string,
): LocalResponse {
  const resultXml = result === undefined ? "" : `<${action}Result>${result}</${action}Result>`;
  return {
    status: 200,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body: `<${action}Response xmlns="${
      QUERY_NAMESPACES[service]
    }">${resultXml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}
