import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "node:stream";
import { match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, s3Client } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { boto3Missing, runBoto3 } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("local AWS signed headers", () => {
  const bucket = uniqueBucket("headers");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  test("authenticate() refuses a presigned PUT with HeadersNotSigned when it carries an unsigned x-amz-copy-source", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "secret", Body: "not yours" }));
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: "target" }), {
      expiresIn: 60,
    });
    const response = await fetch(url, {
      method: "PUT",
      headers: { "x-amz-copy-source": `${bucket}/secret` },
      body: new Uint8Array(),
    });
    equal(response.status, 403);
    const body = await response.text();
    match(
      body,
      /<Code>AccessDenied<\/Code><Message>There were headers present in the request which were not signed<\/Message>/,
    );
    match(body, /<HeadersNotSigned>x-amz-copy-source<\/HeadersNotSigned>/);
    const error = await rejection(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "target" })));
    equal(error.name, "NotFound");
  });

  test("authenticate() refuses a forged PutObject of 120 MB before its body is sent", async () => {
    const size = 120 * 1024 * 1024;
    let pulled = 0;
    const body = new Readable({
      read() {
        const chunk = new Uint8Array(Math.min(1024 * 1024, size - pulled));
        pulled += chunk.length;
        this.push(chunk.length > 0 ? chunk : null);
      },
    });
    const forged = s3Client(aws, { accessKeyId: aws.credentials.accessKeyId, secretAccessKey: "forged" }, 1);
    const error = await rejection(
      forged.send(new PutObjectCommand({ Bucket: bucket, Key: "big", Body: body, ContentLength: size })),
    );
    equal(error.name, "SignatureDoesNotMatch");
    // The SDK sent `Expect: 100-continue` and got the 403 instead of "100 Continue": at most
    // the stream's first read-ahead was pulled, never the 120 MB.
    ok(pulled < 8 * 1024 * 1024, `${pulled} bytes were pulled from the body`);
    body.destroy();
  });

  test("signatureMatches() accepts a non-ASCII metadata value when the JS SDK signs it", async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "meta-js", Body: "x", Metadata: { name: "café" } }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "meta-js" }));
    // S3 returns non-ASCII metadata RFC 2047-encoded (S: DOC UsingMetadata.html).
    equal(
      head.Metadata?.name,
      `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode("café")))}?=`,
    );
  });

  test("signatureMatches() accepts a non-ASCII metadata value when boto3 signs it as UTF-8", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    // boto3 refuses non-ASCII Metadata itself; a header added before signing goes out as UTF-8.
    const out = await runBoto3(
      aws,
      [
        "def add(request, **kw): request.headers['x-amz-meta-name'] = 'café'",
        "s3.meta.events.register('before-sign.s3.PutObject', add)",
        `s3.put_object(Bucket='${bucket}', Key='meta-py', Body=b'x')`,
        "print('stored')",
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    equal(out.stdout.trim(), "stored");
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "meta-py" }));
    equal(got.Metadata?.name, "=?UTF-8?B?Y2Fmw6k=?=");
    await got.Body?.transformToString();
  });
});

describe("S3 default content type", () => {
  const bucket = uniqueBucket("ctype");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  test("readObjectHeaders() stores binary/octet-stream when a presigned PUT sends no content type", async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: "plain" }), {
      expiresIn: 60,
    });
    equal((await fetch(url, { method: "PUT", body: new Uint8Array([1, 2]) })).status, 200);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "plain" }));
    equal(head.ContentType, "binary/octet-stream");
  });
});
