/**
 * S3's bucket naming rules for general purpose buckets.
 *
 * @module
 */

const SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/**
 * Whether S3 accepts `name` for a new bucket: 3–63 characters of lower-case letters, digits,
 * dots and hyphens, starting and ending with a letter or digit, no `..`, not shaped like an
 * IP address, and none of the reserved prefixes and suffixes.
 *
 * @param name The proposed name.
 * @returns True when the name is valid.
 *
 * @example
 * ```ts
 * isValidBucketName("my-bucket"); // true
 * isValidBucketName("My_Bucket"); // false
 * ```
 */
export function isValidBucketName(name: string): boolean {
  return SHAPE.test(name) &&
    !name.includes("..") &&
    !IP_ADDRESS.test(name) &&
    !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}
