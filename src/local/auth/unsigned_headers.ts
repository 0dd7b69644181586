/**
 * S3's rule that every `x-amz-*` request header is covered by the signature.
 *
 * @module
 */

/**
 * The `x-amz-*` headers of a request that its signature does not cover. S3 refuses such a
 * request with 403 AccessDenied "There were headers present in the request which were not
 * signed" and a `HeadersNotSigned` element (S: DOC AmazonS3/latest/API/sigv4-query-string-auth.html
 * "x-amz-* headers … must be signed"; the error as botocore users see it, boto/boto3#2596).
 * Without this, an unsigned `x-amz-copy-source` turns a presigned PUT into a copy of any object
 * the signer can read.
 *
 * @param headers The request's headers (lower-case names).
 * @param signedHeaders The names the signature covers.
 * @returns The unsigned names, sorted (empty when all are signed).
 */
export function unsignedAmzHeaders(
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
): string[] {
  const signed = new Set(signedHeaders);
  return Object.keys(headers).filter((name) => name.startsWith("x-amz-") && !signed.has(name)).sort();
}
