/**
 * Conditional requests: `If-Match`, `If-None-Match`, `If-Modified-Since` and
 * `If-Unmodified-Since` on reads, and `If-None-Match: *` / `If-Match` on writes.
 *
 * @module
 */
import type { StoredObject } from "./s3_records.ts";
import { faults } from "./s3_fault.ts";
import type { WritePrecondition } from "./object_store.ts";

/**
 * Whether an `If-Match`/`If-None-Match` list (`"a", "b"`, `*`, weak tags) names the ETag.
 *
 * @param header The header value.
 * @param etag The object's bare ETag.
 * @returns True on a match.
 */
export function etagListMatches(header: string, etag: string): boolean {
  return header.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
    return tag === "*" || tag === etag;
  });
}

function parseDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Evaluates read conditions in S3's order: a failed `If-Match` (or, without it, a failed
 * `If-Unmodified-Since`) → 412; a matching `If-None-Match` (or, without it, an unmet
 * `If-Modified-Since`) → 304.
 *
 * @param headers Request headers (lower-case names); `prefix` selects the copy-source forms.
 * @param object The object.
 * @param prefix `""` for GET/HEAD, `"x-amz-copy-source-"` for CopyObject's source.
 * @returns "proceed" or "not-modified".
 * @throws {S3Fault} PreconditionFailed.
 */
export function checkReadPreconditions(
  headers: Readonly<Record<string, string>>,
  object: StoredObject,
  prefix = "",
): "proceed" | "not-modified" {
  const ifMatch = headers[`${prefix}if-match`];
  const ifUnmodifiedSince = parseDate(headers[`${prefix}if-unmodified-since`]);
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag)) throw faults.preconditionFailed("If-Match");
  } else if (ifUnmodifiedSince !== undefined && object.lastModified > ifUnmodifiedSince) {
    throw faults.preconditionFailed("If-Unmodified-Since");
  }
  const ifNoneMatch = headers[`${prefix}if-none-match`];
  const ifModifiedSince = parseDate(headers[`${prefix}if-modified-since`]);
  const unchanged = ifNoneMatch !== undefined
    ? etagListMatches(ifNoneMatch, object.etag)
    : ifModifiedSince !== undefined && object.lastModified <= ifModifiedSince;
  if (!unchanged) return "proceed";
  // CopyObject has no 304: an unmet copy-source condition is a failed precondition.
  if (prefix !== "") throw faults.preconditionFailed(`${prefix}if-none-match`);
  return "not-modified";
}

/**
 * The conditions of a write (`If-None-Match: *` refuses to overwrite, `If-Match` requires
 * the current ETag), to check before the body is read and again just before the commit.
 *
 * @param headers Request headers (lower-case names).
 * @param key The key written.
 * @returns A precondition, or undefined when the request sets none.
 */
export function writePrecondition(
  headers: Readonly<Record<string, string>>,
  key: string,
): WritePrecondition | undefined {
  const ifNoneMatch = headers["if-none-match"];
  const ifMatch = headers["if-match"];
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  return (existing) => {
    if (ifNoneMatch !== undefined && existing && etagListMatches(ifNoneMatch, existing.etag)) {
      throw faults.preconditionFailed("If-None-Match");
    }
    if (ifMatch !== undefined) {
      if (!existing) throw faults.noSuchKey(key);
      if (!etagListMatches(ifMatch, existing.etag)) throw faults.preconditionFailed("If-Match");
    }
  };
}
