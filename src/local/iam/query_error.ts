/**
 * Error documents of the AWS query protocol (IAM, STS).
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import { escapeXml } from "../xml/escape_xml.ts";

/** XML namespaces of the query-protocol services local AWS serves. */
export const QUERY_NAMESPACES = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
} as const;

/**
 * Renders `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 * The SDK picks the exception class from `<Code>`; the status only lands in `$metadata`.
 */
export function queryError(
  service: keyof typeof QUERY_NAMESPACES,
  status: number,
  code: string,
  message: string,
  requestId: string,
): LocalResponse {
  const type = status >= 500 ? "Receiver" : "Sender";
  return {
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body: `<ErrorResponse xmlns="${
      QUERY_NAMESPACES[service]
    }"><Error><Type>${type}</Type><Code>${code}</Code><Message>${
      escapeXml(message)
    }</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
