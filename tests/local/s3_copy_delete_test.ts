import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

describe("S3 CopyObject and DeleteObjects", () => {
  const bucket = uniqueBucket("copy");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const put = (key: string, body: string, extra: Record<string, unknown> = {}) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
  const text = async (b: string, key: string) =>
    await (await s3.send(new GetObjectCommand({ Bucket: b, Key: key }))).Body?.transformToString();

  test("CopyObject() copies bytes, content type and metadata by default", async () => {
    const source = await put("src key+&.txt", "copied bytes", {
      ContentType: "text/plain",
      Metadata: { m: "1" },
    });
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "dst key.txt",
        CopySource: `${bucket}/${encodeURIComponent("src key+&.txt")}`,
      }),
    );
    equal(copied.CopyObjectResult?.ETag, source.ETag);
    ok(copied.CopyObjectResult?.LastModified instanceof Date);
    equal(await text(bucket, "dst key.txt"), "copied bytes");
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "dst key.txt" }));
    equal(head.ContentType, "text/plain");
    deepEqual(head.Metadata, { m: "1" });
  });

  test("CopyObject() with MetadataDirective REPLACE takes headers and metadata from the request", async () => {
    await put("replace-src", "x", { ContentType: "text/plain", Metadata: { old: "1" } });
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "replace-dst",
        CopySource: `/${bucket}/replace-src`,
        MetadataDirective: "REPLACE",
        ContentType: "application/json",
        Metadata: { fresh: "2" },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "replace-dst" }));
    equal(head.ContentType, "application/json");
    deepEqual(head.Metadata, { fresh: "2" });
  });

  test("CopyObject() copies across buckets and onto itself with REPLACE", async () => {
    const other = uniqueBucket("copy-target");
    await s3.send(new CreateBucketCommand({ Bucket: other }));
    await put("cross", "across");
    await s3.send(new CopyObjectCommand({ Bucket: other, Key: "in/other", CopySource: `${bucket}/cross` }));
    equal(await text(other, "in/other"), "across");
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "cross",
        CopySource: `${bucket}/cross`,
        MetadataDirective: "REPLACE",
        Metadata: { touched: "yes" },
      }),
    );
    deepEqual((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "cross" }))).Metadata, {
      touched: "yes",
    });
    equal(await text(bucket, "cross"), "across");
  });

  test("CopyObject() onto itself without changes fails with InvalidRequest", async () => {
    await put("self", "s");
    const error = await rejection(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "self", CopySource: `${bucket}/self` })),
    );
    equal(error.name, "InvalidRequest");
    equal(statusOf(error), 400);
  });

  test("CopyObject() fails with NoSuchKey or NoSuchBucket when the source is missing", async () => {
    const noKey = await rejection(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "d", CopySource: `${bucket}/not-there` })),
    );
    ok(noKey instanceof NoSuchKey);
    const noBucket = await rejection(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "d", CopySource: `${uniqueBucket("none")}/k` })),
    );
    ok(noBucket instanceof NoSuchBucket);
  });

  test("CopyObject() fails with PreconditionFailed when CopySourceIfMatch does not match", async () => {
    await put("guarded", "g");
    const error = await rejection(
      s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: "g2",
          CopySource: `${bucket}/guarded`,
          CopySourceIfMatch: '"nope"',
        }),
      ),
    );
    equal(error.name, "PreconditionFailed");
    equal(statusOf(error), 412);
  });

  test("DeleteObjects() reports every key deleted, missing ones included", async () => {
    await put("del/a", "a");
    await put("del/b&<c>", "b");
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [{ Key: "del/a" }, { Key: "del/b&<c>" }, { Key: "del/never-existed" }] },
      }),
    );
    deepEqual(result.Deleted?.map((d) => d.Key).sort(), ["del/a", "del/b&<c>", "del/never-existed"]);
    equal(result.Errors, undefined);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "del/" }));
    equal(left.KeyCount, 0);
  });

  test("DeleteObjects() with Quiet reports nothing on success", async () => {
    await put("quiet/a", "a");
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: "quiet/a" }], Quiet: true } }),
    );
    equal(result.Deleted, undefined);
    ok((await rejection(text(bucket, "quiet/a"))) instanceof NoSuchKey);
  });

  test("DeleteObjects() fails with MalformedXML for more than 1000 keys", async () => {
    const objects = Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` }));
    const error = await rejection(
      s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } })),
    );
    equal(error.name, "MalformedXML");
    equal(statusOf(error), 400);
  });

  test("DeleteObjects with a Content-MD5 that does not match its body fails with BadDigest", async () => {
    const body =
      '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object></Delete>';
    const response = await sendSignedS3Request(aws, {
      method: "POST",
      path: `/${bucket}/?delete=`,
      headers: { "content-md5": createHash("md5").update("something else").digest("base64") },
      body,
    });
    equal(response.status, 400);
    ok(response.body.includes("<Code>BadDigest</Code>"), response.body);
  });

  test("DeleteObjects() fails with NoSuchBucket when the bucket is missing", async () => {
    const error = await rejection(
      s3.send(
        new DeleteObjectsCommand({ Bucket: uniqueBucket("gone"), Delete: { Objects: [{ Key: "k" }] } }),
      ),
    );
    ok(error instanceof NoSuchBucket);
  });
});
