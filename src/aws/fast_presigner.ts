/**
 * Presigning on the warm path without the SDK's per-call middleware stack. The SDK's
 * `getSignedUrl` resolves the endpoint and builds the request anew for every URL (about half a
 * millisecond); here the SDK does that once per bucket and method, for a template key, and
 * every later URL is the template with its own key, signed with SigV4 query parameters and a
 * cached signing key (tens of microseconds). A test holds the URLs byte-identical to the SDK's.
 *
 * @module
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import type { AwsCredentials } from "./aws_credentials.ts";

/** A key the template request is made for; real keys take its place. */
const TEMPLATE_KEY = "covalent-awslambda-template";
/** Keys that need no escaping in a path (the executor's own keys always are). */
const PLAIN_KEY = /^[A-Za-z0-9._\-/]+$/;

interface Template {
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly host: string;
  readonly pathPrefix: string;
  readonly query: Readonly<Record<string, string>>;
  readonly region: string;
  readonly service: string;
  /**
   * HMAC-SHA256 (hex) of `message` under the SigV4 signing key for a secret and day (the last
   * key kept: it changes once a day).
   */
  sign(secret: string, shortDate: string, message: string): string;
  /**
   * The escaped query of one second's URLs, around the place of the signature (the last one
   * kept: URLs made in the same second, with the same keys and lifetime, share it).
   */
  signingQuery(keys: AwsCredentials, longDate: string, expiresSeconds: number): SigningQuery;
}

/** The canonical query of a URL, and its two halves around `X-Amz-Signature`. */
interface SigningQuery {
  readonly scope: string;
  readonly canonical: string;
  readonly beforeSignature: string;
  readonly afterSignature: string;
}

/** One URL to presign. */
export interface UrlRequest {
  /** The credentials that sign it. */
  readonly keys: AwsCredentials;
  /** The method it allows. */
  readonly method: "GET" | "PUT";
  /** The bucket. */
  readonly bucket: string;
  /** The object's key. */
  readonly key: string;
  /** How long it is valid, seconds. */
  readonly expiresSeconds: number;
  /** The account that must own the bucket. */
  readonly expectedBucketOwner: string;
  /** When it is signed (now by default). */
  readonly signingDate?: Date;
}

/** Presigns GET and PUT URLs of single objects with given keys. */
export interface FastPresigner {
  /** The URL for `request`, the SDK's `client` making the template the first time. */
  presign(client: S3Client, request: UrlRequest): Promise<string>;
  /**
   * The same URL at once, without a promise, when the template for this bucket and method is
   * already made and the key needs no escaping; otherwise undefined (then use `presign`).
   */
  presignNow(request: UrlRequest): string | undefined;
}

/** Makes a presigner whose templates live as long as it does (they depend only on the client's settings). */
export function makeFastPresigner(): FastPresigner {
  const templates = new Map<string, Promise<Template>>();
  // The templates made so far, for the synchronous path of every later URL.
  const made = new Map<string, Template>();
  const templateId = ({ method, bucket, expectedBucketOwner }: UrlRequest) =>
    `${method} ${bucket} ${expectedBucketOwner}`;
  const sign = (t: Template, { keys, method, key, expiresSeconds, signingDate }: UrlRequest) =>
    signUrl(t, keys, method, t.pathPrefix + key, expiresSeconds, signingDate ?? new Date());
  return {
    presignNow(request) {
      const t = made.get(templateId(request));
      return t === undefined || !PLAIN_KEY.test(request.key) ? undefined : sign(t, request);
    },
    async presign(client, request) {
      const { method, bucket, key, expiresSeconds, expectedBucketOwner, signingDate } = request;
      const command = (objectKey: string) =>
        method === "GET"
          ? new GetObjectCommand({ Bucket: bucket, Key: objectKey, ExpectedBucketOwner: expectedBucketOwner })
          : new PutObjectCommand({
            Bucket: bucket,
            Key: objectKey,
            ExpectedBucketOwner: expectedBucketOwner,
          });
      if (!PLAIN_KEY.test(key)) {
        return getSignedUrl(client, command(key), { expiresIn: expiresSeconds, signingDate });
      }
      const id = templateId(request);
      let template = templates.get(id);
      if (template === undefined) {
        template = getSignedUrl(client, command(TEMPLATE_KEY), { expiresIn: 60 }).then((url) => {
          const t = templateOf(url);
          made.set(id, t);
          return t;
        });
        templates.set(id, template);
        template.catch(() => templates.delete(id));
      }
      return sign(await template, request);
    },
  };
}

/**
 * SigV4 query signing (AWS's "Authenticating requests: using query parameters"), for a
 * request shaped like the template: only the host header signed, the payload unsigned.
 */
function signUrl(
  t: Template,
  keys: AwsCredentials,
  method: string,
  path: string,
  expiresSeconds: number,
  date: Date,
): string {
  const longDate = date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const shortDate = longDate.slice(0, 8);
  const query = t.signingQuery(keys, longDate, expiresSeconds);
  const canonicalRequest = `${method}\n${path}\n${query.canonical}\nhost:${t.host}\n\nhost\nUNSIGNED-PAYLOAD`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${query.scope}\n${
    createHash("sha256").update(canonicalRequest).digest("hex")
  }`;
  const signature = t.sign(keys.secretAccessKey, shortDate, stringToSign);
  return `${t.origin}${path}?${query.beforeSignature}X-Amz-Signature=${signature}${query.afterSignature}`;
}

/** The query of a URL signed at `longDate` (the signature left out), as the SDK writes it. */
function makeSigningQuery(
  t: Pick<Template, "query" | "region" | "service">,
  keys: AwsCredentials,
  longDate: string,
  expiresSeconds: number,
): SigningQuery {
  const scope = `${longDate.slice(0, 8)}/${t.region}/${t.service}/aws4_request`;
  const query: Record<string, string> = {
    ...t.query,
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD",
    "X-Amz-Credential": `${keys.accessKeyId}/${scope}`,
    "X-Amz-Date": longDate,
    "X-Amz-Expires": String(expiresSeconds),
    "X-Amz-SignedHeaders": "host",
  };
  if (keys.sessionToken) query["X-Amz-Security-Token"] = keys.sessionToken;
  const names = Object.keys(query).sort();
  const pair = (name: string) => `${escape(name)}=${escape(query[name])}`;
  const before = names.filter((name) => name < SIGNATURE).map(pair);
  const after = names.filter((name) => name > SIGNATURE).map(pair);
  return {
    scope,
    canonical: [...before, ...after].join("&"),
    beforeSignature: before.map((p) => `${p}&`).join(""),
    afterSignature: after.map((p) => `&${p}`).join(""),
  };
}

/** The signature's query parameter, which sorts among the others. */
const SIGNATURE = "X-Amz-Signature";

function templateOf(url: string): Template {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith(`/${TEMPLATE_KEY}`)) {
    throw new Error(`unexpected presigned URL shape: ${parsed.pathname}`);
  }
  const query: Record<string, string> = {};
  let scope: string[] = [];
  for (const [name, value] of parsed.searchParams) {
    if (name === "X-Amz-Credential") scope = value.split("/");
    // The signing parameters are made anew for every URL; the rest (hoisted headers, x-id) stay.
    else if (!name.startsWith("X-Amz-")) query[name] = value;
  }
  const [, , region, service] = scope;
  let last: { secret: string; shortDate: string; keyed: KeyedHash } | undefined;
  let lastQuery: { id: string; query: SigningQuery } | undefined;
  if (!region || !service) throw new Error("the presigned URL names no credential scope");
  return {
    origin: `${parsed.protocol}//${parsed.host}`,
    protocol: parsed.protocol,
    hostname: parsed.hostname,
    port: parsed.port === "" ? undefined : Number(parsed.port),
    host: parsed.host,
    pathPrefix: parsed.pathname.slice(0, -TEMPLATE_KEY.length),
    query,
    region,
    service,
    sign(secret, shortDate, message) {
      if (last?.secret !== secret || last.shortDate !== shortDate) {
        const step = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
        const key = step(step(step(step(`AWS4${secret}`, shortDate), region), service), "aws4_request");
        last = { secret, shortDate, keyed: keyedHash(key) };
      }
      return last.keyed.hex(message);
    },
    signingQuery(keys, longDate, expiresSeconds) {
      const id = `${keys.accessKeyId}\n${keys.sessionToken ?? ""}\n${longDate}\n${expiresSeconds}`;
      if (lastQuery?.id !== id) {
        lastQuery = {
          id,
          query: makeSigningQuery({ query, region, service }, keys, longDate, expiresSeconds),
        };
      }
      return lastQuery.query;
    },
  };
}

/** HMAC-SHA256 under one key, by message. */
interface KeyedHash {
  hex(message: string): string;
}

/**
 * HMAC-SHA256 (RFC 2104) for a key of at most one block, from two SHA-256 states primed with the
 * padded key once: each message then costs two hash copies, about half of a `createHmac` under
 * Deno, on every URL of the warm path.
 */
function keyedHash(key: Buffer): KeyedHash {
  const inner = Buffer.alloc(64, 0x36);
  const outer = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] ^= key[i];
    outer[i] ^= key[i];
  }
  const innerState = createHash("sha256").update(inner);
  const outerState = createHash("sha256").update(outer);
  return {
    hex: (message) => outerState.copy().update(innerState.copy().update(message).digest()).digest("hex"),
  };
}

/** RFC 3986 escaping, as the SDK writes a query. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
