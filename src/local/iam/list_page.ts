/**
 * `Marker`/`MaxItems` pagination of IAM list operations.
 *
 * The SDK's paginators go on while a response carries a non-empty `<Marker>` (they ignore
 * `<IsTruncated>`), so the marker is sent only on truncated pages.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { QueryFailure } from "./query_failure.ts";
import { escapeXml } from "../xml/escape_xml.ts";

/** One page of a list, and the marker of the next page when there is one. */
export interface ListPage<T> {
  /** The items on this page. */
  readonly items: readonly T[];
  /** Opaque marker that asks for the next page; absent on the last page. */
  readonly marker?: string;
}

/**
 * Cuts one page out of a list. The marker names the first item of the next page by its key,
 * so items deleted or added between two calls neither repeat nor shift the pages.
 *
 * @param items Every item.
 * @param keyOf Each item's unique sort key.
 * @param marker The marker of an earlier page, if any.
 * @param maxItems Page size.
 * @returns The page.
 * @throws {QueryFailure} `ValidationError` for a marker this function did not make.
 */
export function takePage<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  marker: string | undefined,
  maxItems: number,
): ListPage<T> {
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const from = marker === undefined ? undefined : decodeMarker(marker);
  const remaining = from === undefined ? sorted : sorted.filter((item) => compare(keyOf(item), from) >= 0);
  const page = remaining.slice(0, maxItems);
  const next = remaining[maxItems];
  return next === undefined ? { items: page } : { items: page, marker: encodeMarker(keyOf(next)) };
}

/**
 * Renders the page status: always `<IsTruncated>`, and `<Marker>` only when truncated.
 *
 * @param page The page.
 * @returns The XML fragment that follows the list element.
 */
export function pageStatusXml(page: ListPage<unknown>): string {
  return page.marker === undefined
    ? "<IsTruncated>false</IsTruncated>"
    : `<IsTruncated>true</IsTruncated><Marker>${escapeXml(page.marker)}</Marker>`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeMarker(key: string): string {
  return Buffer.from(key, "utf8").toString("base64");
}

function decodeMarker(marker: string): string {
  const key = Buffer.from(marker, "base64").toString("utf8");
  if (marker === "" || encodeMarker(key) !== marker) {
    throw new QueryFailure(400, "ValidationError", `Invalid Marker: ${marker}`);
  }
  return key;
}
