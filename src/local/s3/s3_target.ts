/**
 * Reading the bucket and key out of a path-style S3 request path.
 *
 * @module
 */
import { faults } from "./s3_fault.ts";

/** What a request addresses: the service, a bucket, or an object in a bucket. */
export interface S3Target {
  /** The bucket, when the path names one. */
  readonly bucket?: string;
  /** The key, when the path names an object (never empty). */
  readonly key?: string;
}

/**
 * Splits a raw path (`/b1/dir/a%20b.txt`) into bucket and key. The key is everything after
 * the bucket's slash, percent-decoded but otherwise untouched: `..`, `.`, and repeated or
 * trailing slashes are part of the key, as S3 sees them.
 *
 * @param rawPath The request path as sent, still percent-encoded.
 * @returns The target.
 * @throws {S3Fault} InvalidURI when the percent-encoding is broken.
 *
 * @example
 * ```ts
 * parseTarget("/b1//lead/../x"); // { bucket: "b1", key: "/lead/../x" }
 * ```
 */
export function parseTarget(rawPath: string): S3Target {
  const path = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  if (path === "") return {};
  const slash = path.indexOf("/");
  const bucket = decode(slash < 0 ? path : path.slice(0, slash));
  const rest = slash < 0 ? "" : path.slice(slash + 1);
  return rest === "" ? { bucket } : { bucket, key: decode(rest) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw faults.invalidUri();
  }
}
