/**
 * SigV4 verification: rebuilds the canonical request the client signed and compares
 * signatures in constant time.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { LocalRequest } from "../http/exchange.ts";
import type { Signature } from "./signature.ts";

/** Percent-encodes the way SigV4 does (RFC 3986 unreserved characters stay). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The canonical URI. S3 signs the path as sent; every other service signs each
 * (already encoded) segment encoded once more.
 */
export function canonicalUri(rawPath: string, service: string): string {
  if (service === "s3") return rawPath === "" ? "/" : rawPath;
  return rawPath.split("/").map(encodeRfc3986).join("/") || "/";
}

/** The canonical query string: decoded, re-encoded, sorted; presigned signature left out. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : safeDecode(part.slice(eq + 1));
    if (key === "X-Amz-Signature") continue;
    pairs.push([encodeRfc3986(key), encodeRfc3986(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join("&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Hex SHA-256 of bytes or text. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Uint8Array | string, data: string): Uint8Array {
  return createHmac("sha256", key).update(data).digest();
}

/**
 * Computes the signature a client holding `secretAccessKey` would have sent.
 * `payloadHash` is the `x-amz-content-sha256` value (or the hash of the body).
 */
export function expectedSignature(
  request: LocalRequest,
  signature: Signature,
  secretAccessKey: string,
  payloadHash: string,
): string {
  const headers = signature.signedHeaders
    .map((name) => `${name}:${signedValue(request.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [
    request.method,
    canonicalUri(request.rawPath, signature.service),
    canonicalQuery(request.rawQuery),
    headers,
    signature.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${signature.scopeDate}/${signature.region}/${signature.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", signature.amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const dateKey = hmac(`AWS4${secretAccessKey}`, signature.scopeDate);
  const signingKey = hmac(hmac(hmac(dateKey, signature.region), signature.service), "aws4_request");
  return createHmac("sha256", signingKey).update(stringToSign).digest("hex");
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A header value as the client signed it. HTTP parsers hand header bytes over as Latin-1
 * characters, but the canonical request is hashed as UTF-8 text: botocore sends and signs
 * `x-amz-meta-name: café` as the UTF-8 bytes `caf\xc3\xa9` (E: captured from boto3 1.43), while
 * Node's client sends `é` as the one byte `\xe9` and signs its UTF-8 form. Bytes that form valid
 * UTF-8 are read as UTF-8; anything else stays Latin-1.
 */
export function signedValue(value: string): string {
  // deno-lint-ignore no-control-regex
  if (!/[^\x00-\x7f]/.test(value)) return value;
  try {
    return STRICT_UTF8.decode(Buffer.from(value, "latin1"));
  } catch {
    return value;
  }
}

/** Whether the request's signature is the one `secretAccessKey` produces. */
export function signatureMatches(
  request: LocalRequest,
  signature: Signature,
  secretAccessKey: string,
  payloadHash: string,
): boolean {
  const expected = new TextEncoder().encode(
    expectedSignature(request, signature, secretAccessKey, payloadHash),
  );
  const given = new TextEncoder().encode(signature.signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Parses `yyyymmddThhmmssZ` into epoch milliseconds (NaN when malformed). */
export function parseAmzDate(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}
