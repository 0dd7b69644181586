/**
 * Lambda's REST-JSON error responses.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";

/**
 * Renders a Lambda error. The SDK takes the exception name from `x-amzn-ErrorType` and the
 * message from `message` or `Message`; AWS uses `Message` for ResourceNotFoundException and
 * ServiceException and `message` elsewhere, and adds `Type` (`User`/`Service`) except on the
 * unmodeled ValidationException.
 */
export function lambdaError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): LocalResponse {
  const capitalMessage = code === "ResourceNotFoundException" || code === "ServiceException";
  const body: Record<string, unknown> = {};
  if (code !== "ValidationException" && !code.endsWith("AuthenticationTokenException")) {
    body.Type = status >= 500 ? "Service" : "User";
  }
  body[capitalMessage ? "Message" : "message"] = message;
  Object.assign(body, extra);
  return {
    status,
    headers: {
      "content-type": "application/json",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": code,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}
