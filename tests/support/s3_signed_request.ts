/**
 * Hand-built, SigV4-signed S3 requests over `node:http`, for wire forms the SDK will not
 * produce on its own (a corrupted aws-chunked trailer, chunk-signature size lines, a
 * CreateBucket without its LocationConstraint). The signer here is written from the SigV4
 * specification, independently of the server's verifier.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { LocalAws } from "../../local.ts";

/** A raw request to send. */
export interface RawS3Request {
  /** HTTP method. */
  method: string;
  /** Path and query exactly as sent, already percent-encoded (`/bucket/key?x=y`). */
  path: string;
  /** Extra headers (lower-case names); they are all signed. */
  headers?: Record<string, string>;
  /** The body bytes as they go on the wire. */
  body?: Uint8Array | string;
  /** The `x-amz-content-sha256` value; defaults to the body's hex SHA-256. */
  payloadHash?: string;
  /** The signing region; defaults to the server's. */
  region?: string;
  /** When it was signed; defaults to now. */
  signedAt?: Date;
  /** Carry the date in a signed HTTP `Date` header instead of `X-Amz-Date`. */
  dateHeader?: boolean;
  /** Send only this many body bytes, then drop the connection (the response is then status 0). */
  abortAfterBytes?: number;
}

/** What came back. */
export interface RawS3Response {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-case names). */
  headers: Record<string, string>;
  /** The body as text. */
  body: string;
}

function hmac(key: Uint8Array | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

function hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(query: string): string {
  return query.split("&").filter(Boolean).map((pair) => {
    const [key, value = ""] = pair.split("=");
    return [rfc3986(decodeURIComponent(key)), rfc3986(decodeURIComponent(value))];
  }).sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)
    .map(([key, value]) => `${key}=${value}`).join("&");
}

/**
 * Signs and sends a request to local AWS's S3 with the server's own keys.
 *
 * @param aws The running local AWS.
 * @param raw The request.
 * @returns Status, headers and body text.
 */
export function sendSignedS3Request(aws: LocalAws, raw: RawS3Request): Promise<RawS3Response> {
  const url = new URL(aws.endpoint);
  const body = typeof raw.body === "string"
    ? Buffer.from(raw.body)
    : Buffer.from(raw.body ?? new Uint8Array());
  const signedAt = raw.signedAt ?? new Date();
  const amzDate = signedAt.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const region = raw.region ?? aws.region;
  const payloadHash = raw.payloadHash ?? hex(body);
  const headers: Record<string, string> = {
    ...raw.headers,
    host: url.host,
    ...(raw.dateHeader ? { date: signedAt.toUTCString() } : { "x-amz-date": amzDate }),
    "x-amz-content-sha256": payloadHash,
    "content-length": String(body.length),
  };
  const signed = Object.keys(headers).map((name) => name.toLowerCase()).sort();
  const queryStart = raw.path.indexOf("?");
  const path = queryStart < 0 ? raw.path : raw.path.slice(0, queryStart);
  const query = queryStart < 0 ? "" : raw.path.slice(queryStart + 1);
  const canonical = [
    raw.method,
    path,
    canonicalQuery(query),
    signed.map((name) => `${name}:${headers[name].trim()}\n`).join(""),
    signed.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hex(canonical)}`;
  const key = hmac(
    hmac(hmac(hmac(`AWS4${aws.credentials.secretAccessKey}`, day), region), "s3"),
    "aws4_request",
  );
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${aws.credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signed.join(";")}, Signature=${signature}`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method: raw.method, path: raw.path, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
            ),
            body: Buffer.concat(chunks).toString("utf8"),
          }));
        response.on("error", reject);
      },
    );
    if (raw.abortAfterBytes === undefined) {
      request.on("error", reject);
      request.end(body);
      return;
    }
    request.on("error", () => resolve({ status: 0, headers: {}, body: "" }));
    request.write(body.subarray(0, raw.abortAfterBytes), () => {
      setTimeout(() => {
        request.destroy();
        resolve({ status: 0, headers: {}, body: "" });
      }, 50);
    });
  });
}

/**
 * Frames a payload as an aws-chunked body with one trailer line.
 *
 * @param payload The bytes.
 * @param chunkSize Bytes per chunk.
 * @param trailer `name:value` written after the final chunk.
 * @param chunkSignatures Whether size lines carry `;chunk-signature=…` (the signed-streaming form).
 * @returns The encoded body.
 */
export function awsChunkedBody(
  payload: Uint8Array,
  chunkSize: number,
  trailer: string,
  chunkSignatures = false,
): Buffer {
  const parts: Buffer[] = [];
  const signature = chunkSignatures ? `;chunk-signature=${"0".repeat(64)}` : "";
  for (let at = 0; at < payload.length; at += chunkSize) {
    const chunk = payload.subarray(at, at + chunkSize);
    parts.push(
      Buffer.from(`${chunk.length.toString(16)}${signature}\r\n`),
      Buffer.from(chunk),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`0${signature}\r\n${trailer}\r\n\r\n`));
  return Buffer.concat(parts);
}
