/**
 * S3's XML error documents.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import { escapeXml } from "../xml/escape_xml.ts";

/**
 * Renders an S3 error: `<Error><Code>…</Code><Message>…</Message>…</Error>` with the extra
 * elements (`Key`, `BucketName`, …) AWS adds for the code. HEAD requests carry no body, so S3
 * answers them with the status alone.
 */
export function s3Error(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Readonly<Record<string, string | number>> = {},
  headers: Readonly<Record<string, string>> = {},
): LocalResponse {
  const fields = Object.entries(extra).map(([name, value]) =>
    `<${name}>${escapeXml(String(value))}</${name}>`
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${
    escapeXml(message)
  }</Message>${fields.join("")}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  return {
    status,
    headers: {
      "content-type": "application/xml",
      "x-amz-request-id": requestId,
      "x-amz-id-2": requestId,
      ...headers,
    },
    body,
  };
}
