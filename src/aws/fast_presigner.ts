/**
 * Presigning on the warm path without the SDK's per-call middleware stack. The SDK's
 * `getSignedUrl` resolves the endpoint and builds the request anew for every URL (about half a
 * millisecond); here it does that once per bucket and method, for a template key, and every
 * later URL is the template's request with its own key, signed by the SDK's own S3 signer.
 *
 * @module
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl, S3RequestPresigner } from "@aws-sdk/s3-request-presigner";
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
  /** The SDK's S3 signer for these keys (one kept: keys change only when they are refreshed). */
  signerFor(keys: AwsCredentials): S3RequestPresigner;
}

/** Presigns GET and PUT URLs of single objects with given keys. */
export interface FastPresigner {
  /** A URL for `method` on `bucket/key`, valid `expiresSeconds`, signed with `keys`. */
  presign(
    client: S3Client,
    keys: AwsCredentials,
    method: "GET" | "PUT",
    bucket: string,
    key: string,
    expiresSeconds: number,
    expectedBucketOwner: string,
    signingDate?: Date,
  ): Promise<string>;
}

/** Makes a presigner whose templates live as long as it does (they depend only on the client's settings). */
export function makeFastPresigner(): FastPresigner {
  const templates = new Map<string, Promise<Template>>();
  return {
    async presign(client, keys, method, bucket, key, expiresSeconds, expectedBucketOwner, signingDate) {
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
      const id = `${method} ${bucket} ${expectedBucketOwner}`;
      let template = templates.get(id);
      if (template === undefined) {
        template = getSignedUrl(client, command(TEMPLATE_KEY), { expiresIn: 60 }).then((url) =>
          templateOf(client, url)
        );
        templates.set(id, template);
        template.catch(() => templates.delete(id));
      }
      const t = await template;
      const signed = await t.signerFor(keys).presign(
        {
          method,
          protocol: t.protocol,
          hostname: t.hostname,
          port: t.port,
          path: t.pathPrefix + key,
          query: { ...t.query },
          headers: { host: t.host },
        } as Parameters<S3RequestPresigner["presign"]>[0],
        { expiresIn: expiresSeconds, signingRegion: t.region, signingService: t.service, signingDate },
      );
      return `${t.origin}${signed.path}?${queryString(signed.query as Record<string, string>)}`;
    },
  };
}

function templateOf(client: S3Client, url: string): Template {
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
  let last: { keys: AwsCredentials; signer: S3RequestPresigner } | undefined;
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
    signerFor(keys) {
      if (last?.keys !== keys) {
        last = {
          keys,
          signer: new S3RequestPresigner({
            ...client.config,
            credentials: () => Promise.resolve(keys),
            region: () => Promise.resolve(region),
            signingName: service,
          }),
        };
      }
      return last.signer;
    },
  };
}

/** The query as the SDK writes it: keys sorted, RFC 3986 escaping. */
function queryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query).sort().map((name) => `${escape(name)}=${escape(query[name])}`).join("&");
}

function escape(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
