/**
 * Writing S3's XML responses and the headers every S3 response carries.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import { escapeXml } from "../xml/escape_xml.ts";

/** S3's document namespace. */
export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** Characters XML parsers would alter or refuse: C0 controls except TAB, NEL, LINE SEPARATOR. */
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x08\x0a-\x1f\u0085\u2028]/g;

/**
 * Escapes text for S3 XML. Beyond `escapeXml`, line breaks and other control characters become
 * character references: XML parsers (the SDK's included) turn a literal CR into LF, which would
 * change a key, and raw control characters are not allowed in XML 1.0 at all.
 *
 * @param text Element content.
 * @returns The escaped text.
 */
export function xmlText(text: string): string {
  return escapeXml(text).replace(CONTROL_CHARACTERS, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

/**
 * One element with escaped text content; nothing when the value is undefined.
 *
 * @param name Element name.
 * @param value Text, number or boolean.
 * @returns The element's XML.
 */
export function element(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${xmlText(String(value))}</${name}>`;
}

/**
 * The headers that identify a response (`x-amz-request-id`, `x-amz-id-2`).
 *
 * @param requestId The request's id.
 * @returns The headers.
 */
export function requestIdHeaders(requestId: string): Record<string, string> {
  return { "x-amz-request-id": requestId, "x-amz-id-2": requestId };
}

/**
 * An XML document response: `<?xml …?><root xmlns="…">inner</root>`.
 *
 * @param requestId The request's id.
 * @param root Root element name.
 * @param inner Already-escaped inner XML.
 * @param headers Extra headers.
 * @returns The response (status 200).
 */
export function xmlResponse(
  requestId: string,
  root: string,
  inner: string,
  headers: Readonly<Record<string, string>> = {},
): LocalResponse {
  return {
    status: 200,
    headers: { ...requestIdHeaders(requestId), "content-type": "application/xml", ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${inner}</${root}>`,
  };
}

/**
 * A response with no body.
 *
 * @param requestId The request's id.
 * @param status HTTP status (200 or 204).
 * @param headers Extra headers.
 * @returns The response.
 */
export function emptyResponse(
  requestId: string,
  status: number,
  headers: Readonly<Record<string, string>> = {},
): LocalResponse {
  return { status, headers: { ...requestIdHeaders(requestId), ...headers } };
}

/**
 * An ISO-8601 timestamp with milliseconds, as S3 XML carries them.
 *
 * @param epochMs Time in epoch milliseconds.
 * @returns For example `2025-01-01T00:00:00.000Z`.
 */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * An HTTP date, as `Last-Modified` carries it.
 *
 * @param epochMs Time in epoch milliseconds.
 * @returns For example `Wed, 01 Jan 2025 00:00:00 GMT`.
 */
export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/**
 * An entity tag in its quoted wire form.
 *
 * @param etag The bare tag.
 * @returns `"<etag>"`.
 */
export function quoted(etag: string): string {
  return `"${etag}"`;
}
