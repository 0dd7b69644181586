import {
  DeleteObjectCommand,
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

describe("S3 objects", () => {
  const bucket = uniqueBucket("objects");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const get = (key: string, extra: Record<string, unknown> = {}) =>
    s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...extra }));

  test("PutObject() then GetObject() returns the bytes, headers and metadata", async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "docs/readme.txt",
        Body: "hello world",
        ContentType: "text/plain; charset=utf-8",
        CacheControl: "max-age=60",
        ContentDisposition: 'attachment; filename="r.txt"',
        ContentEncoding: "identity",
        Metadata: { owner: "alice", "Mixed-Case": "v" },
      }),
    );
    equal(put.ETag, `"${createHash("md5").update("hello world").digest("hex")}"`);
    ok(put.$metadata.requestId, "x-amz-request-id is sent");
    const got = await get("docs/readme.txt");
    equal(await got.Body?.transformToString(), "hello world");
    equal(got.ContentType, "text/plain; charset=utf-8");
    equal(got.CacheControl, "max-age=60");
    equal(got.ContentDisposition, 'attachment; filename="r.txt"');
    equal(got.ContentEncoding, "identity");
    equal(got.ContentLength, 11);
    equal(got.ETag, put.ETag);
    equal(got.AcceptRanges, "bytes");
    deepEqual(got.Metadata, { owner: "alice", "mixed-case": "v" });
    ok(got.LastModified instanceof Date && Math.abs(got.LastModified.getTime() - Date.now()) < 5000);
  });

  test("GetObject() returns the stored CRC32, which the SDK verifies against the body", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "crc.txt", Body: "hello" }));
    const got = await get("crc.txt", { ChecksumMode: "ENABLED" });
    equal(got.ChecksumCRC32, "NhCmhg==");
    equal(await got.Body?.transformToString(), "hello");
  });

  test("keys with dots, slashes, spaces, reserved characters and unicode are kept exactly", async () => {
    const keys = [
      "../escape",
      "a/../../b",
      "./dot",
      "/leading",
      "a//double",
      "trailing/",
      "sp ace+plus!*'()~&=?#;",
      "%41%2F",
      "ключ/😀/ü",
      "line\nbreak\rcarriage",
    ];
    const prefixed = keys.map((key) => `weird/${key}`);
    for (const key of prefixed) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}` }));
    }
    for (const key of prefixed) equal(await (await get(key)).Body?.transformToString(), `body of ${key}`);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "weird/" }));
    deepEqual(new Set(listed.Contents?.map((c) => c.Key)), new Set(prefixed));
  });

  test("an empty object round-trips", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "empty", Body: "" }));
    const got = await get("empty");
    equal(got.ContentLength, 0);
    equal(await got.Body?.transformToString(), "");
    equal(got.ETag, '"d41d8cd98f00b204e9800998ecf8427e"');
  });

  test("GetObject() fails with NoSuchKey when the key is missing", async () => {
    const error = await rejection(get("nope/missing.txt"));
    ok(error instanceof NoSuchKey);
    equal(statusOf(error), 404);
    equal(error.Key, "nope/missing.txt");
    ok(error.$metadata && (error.$metadata as { requestId?: string }).requestId);
  });

  test("GetObject() fails with NoSuchBucket when the bucket is missing", async () => {
    const missing = uniqueBucket("nobucket");
    const error = await rejection(s3.send(new GetObjectCommand({ Bucket: missing, Key: "k" })));
    ok(error instanceof NoSuchBucket);
    equal(error.BucketName, missing);
  });

  test("PutObject() fails with NoSuchBucket when the bucket is missing", async () => {
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: uniqueBucket("nob"), Key: "k", Body: "x" })),
    );
    ok(error instanceof NoSuchBucket);
  });

  test("HeadObject() returns size, type and metadata, and NotFound when missing", async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "head.json",
        Body: "{}",
        ContentType: "application/json",
        Metadata: { a: "1" },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "head.json" }));
    equal(head.ContentLength, 2);
    equal(head.ContentType, "application/json");
    deepEqual(head.Metadata, { a: "1" });
    const error = await rejection(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "head-missing" })));
    equal(error.name, "NotFound");
    equal(statusOf(error), 404);
  });

  test("GetObject() with a Range answers 206 with Content-Range for every range form", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "digits", Body: "0123456789" }));
    const cases: Array<[string, string, string]> = [
      ["bytes=1-3", "123", "bytes 1-3/10"],
      ["bytes=7-", "789", "bytes 7-9/10"],
      ["bytes=-4", "6789", "bytes 6-9/10"],
      ["bytes=5-100", "56789", "bytes 5-9/10"],
      ["bytes=-50", "0123456789", "bytes 0-9/10"],
    ];
    for (const [range, body, contentRange] of cases) {
      const got = await get("digits", { Range: range, ChecksumMode: "ENABLED" });
      equal(got.$metadata.httpStatusCode, 206, range);
      equal(got.ContentRange, contentRange, range);
      equal(got.ContentLength, body.length, range);
      equal(got.ChecksumCRC32, undefined, "no whole-object checksum on a range");
      equal(await got.Body?.transformToString(), body, range);
    }
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "digits", Range: "bytes=2-4" }));
    equal(head.ContentLength, 3);
    equal(head.ContentRange, "bytes 2-4/10");
  });

  test("GetObject() fails with InvalidRange (416) when the range starts past the end", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "short", Body: "12345678" }));
    const error = await rejection(get("short", { Range: "bytes=1024-4096" }));
    equal(error.name, "InvalidRange");
    equal(statusOf(error), 416);
    equal(error.ActualObjectSize, "8");
    equal(error.RangeRequested, "bytes=1024-4096");
  });

  test("GetObject() honours If-Match, If-None-Match and If-Modified-Since", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "cond", Body: "v1" }));
    const matched = await get("cond", { IfMatch: put.ETag });
    equal(await matched.Body?.transformToString(), "v1");
    const failed = await rejection(get("cond", { IfMatch: '"0000"' }));
    equal(failed.name, "PreconditionFailed");
    equal(statusOf(failed), 412);
    equal(failed.Condition, "If-Match");
    const notModified = await rejection(get("cond", { IfNoneMatch: put.ETag }));
    equal(statusOf(notModified), 304);
    const stillFresh = await rejection(get("cond", { IfModifiedSince: new Date(Date.now() + 60_000) }));
    equal(statusOf(stillFresh), 304);
    const changed = await get("cond", { IfNoneMatch: '"other"' });
    equal(await changed.Body?.transformToString(), "v1");
    const headFailed = await rejection(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "cond", IfMatch: '"x"' })),
    );
    equal(statusOf(headFailed), 412);
  });

  test("PutObject() with If-None-Match: * fails with PreconditionFailed when the key exists", async () => {
    const first = await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "once", Body: "first", IfNoneMatch: "*" }),
    );
    ok(first.ETag);
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "once", Body: "second", IfNoneMatch: "*" })),
    );
    equal(error.name, "PreconditionFailed");
    equal(statusOf(error), 412);
    equal(await (await get("once")).Body?.transformToString(), "first");
  });

  test("PutObject() with If-Match replaces only the expected version", async () => {
    const v1 = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "cas", Body: "v1" }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "cas", Body: "v2", IfMatch: v1.ETag }));
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "cas", Body: "v3", IfMatch: v1.ETag })),
    );
    equal(error.name, "PreconditionFailed");
    equal(await (await get("cas")).Body?.transformToString(), "v2");
  });

  test("DeleteObject() answers 204 whether or not the key exists", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "doomed", Body: "x" }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doomed" }));
    equal(deleted.$metadata.httpStatusCode, 204);
    const again = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "doomed" }));
    equal(again.$metadata.httpStatusCode, 204);
    ok((await rejection(get("doomed"))) instanceof NoSuchKey);
  });

  test("PutObject() overwrites, and readers see the new version at once", async () => {
    for (const version of ["one", "two", "three"]) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "overwrite", Body: version }));
      equal(await (await get("overwrite")).Body?.transformToString(), version);
    }
  });
});
