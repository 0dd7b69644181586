/**
 * S3's SigV2 query-string authentication (`?AWSAccessKeyId=…&Expires=…&Signature=…`): what the
 * AWS CLI v1's `aws s3 presign` and boto3's `generate_presigned_url` produce for us-east-1 by
 * default.
 *
 * The string to sign is `VERB\nContent-MD5\nContent-Type\nExpires\n` + the canonicalized
 * `x-amz-*` headers + the canonicalized resource, signed with HMAC-SHA1 and base64-encoded
 * (S: DOC AmazonS3/latest/userguide/RESTAuthentication.html "Query string request
 * authentication alternative"; botocore `auth.py` `HmacV1Auth`/`HmacV1QueryAuth`, which moves
 * the signed `x-amz-*` headers, Content-Type and Content-MD5 into the query).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { LocalRequest } from "../http/exchange.ts";

/** A SigV2 query signature. */
export interface SigV2Query {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The base64 HMAC-SHA1 signature. */
  readonly signature: string;
  /** The `Expires` parameter as sent (epoch seconds). */
  readonly expires: string;
}

/**
 * The sub-resources that belong to the canonicalized resource, as S3 and botocore list them
 * (botocore `HmacV1Auth.QSAOfInterest`).
 */
const SUB_RESOURCES = new Set([
  "accelerate",
  "acl",
  "analytics",
  "cors",
  "defaultObjectAcl",
  "delete",
  "inventory",
  "lifecycle",
  "location",
  "logging",
  "metrics",
  "notification",
  "object-lock",
  "partNumber",
  "policy",
  "replication",
  "requestPayment",
  "response-cache-control",
  "response-content-disposition",
  "response-content-encoding",
  "response-content-language",
  "response-content-type",
  "response-expires",
  "restore",
  "select",
  "select-type",
  "storageClass",
  "tagging",
  "torrent",
  "uploadId",
  "uploads",
  "versionId",
  "versioning",
  "versions",
  "website",
]);

/**
 * Reads a SigV2 query signature; undefined when the request has none.
 *
 * @param request The request.
 * @returns The signature parts.
 */
export function readSigV2Query(request: LocalRequest): SigV2Query | undefined {
  if (request.headers["authorization"] !== undefined) return undefined;
  const accessKeyId = request.query.get("AWSAccessKeyId");
  const signature = request.query.get("Signature");
  if (accessKeyId === null || signature === null) return undefined;
  return { accessKeyId, signature, expires: request.query.get("Expires") ?? "" };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The SigV2 string to sign of a query-signed request. */
export function sigV2StringToSign(request: LocalRequest, expires: string): string {
  const fromQuery = (name: string) => request.query.get(name) ?? request.headers[name] ?? "";
  const amz = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith("x-amz-")) amz.set(name, value.trim());
  }
  for (const [name, value] of request.query) {
    if (name.toLowerCase().startsWith("x-amz-")) amz.set(name.toLowerCase(), value.trim());
  }
  const amzLines = [...amz.keys()].sort().map((name) => `${name}:${amz.get(name)}\n`).join("");
  const subResources = request.rawQuery.split("&").filter(Boolean).map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair] : [pair.slice(0, eq), decode(pair.slice(eq + 1))];
  }).filter(([name]) => SUB_RESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map((parts) => parts.join("="));
  const resource = (request.rawPath || "/") + (subResources.length ? `?${subResources.join("&")}` : "");
  return `${request.method}\n${fromQuery("content-md5")}\n${fromQuery("content-type")}\n${expires}\n` +
    amzLines + resource;
}

/**
 * Whether the request carries the SigV2 signature `secretAccessKey` produces.
 *
 * @param request The request.
 * @param signature Its query signature.
 * @param secretAccessKey The key's secret.
 * @returns Whether they match (compared in constant time).
 */
export function sigV2Matches(request: LocalRequest, signature: SigV2Query, secretAccessKey: string): boolean {
  const expected = createHmac("sha1", secretAccessKey)
    .update(sigV2StringToSign(request, signature.expires))
    .digest();
  const given = Buffer.from(signature.signature, "base64");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
