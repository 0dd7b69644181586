import {
  ListObjectsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

/** In UTF-8 binary order; note that U+FFFD sorts before the astral 😀 (UTF-16 order differs). */
const KEYS = [
  "a/1.txt",
  "a/2.txt",
  "a/sub/x",
  "a/sub/y",
  "b",
  "c/d/e",
  "sp ace/ü",
  "z",
  "é",
  "\uFFFD",
  "😀",
];

describe("S3 ListObjectsV2", () => {
  const bucket = uniqueBucket("list");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] }));
    for (const key of [...KEYS].reverse()) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    }
  });
  after(() => aws.close());

  const list = (input: Record<string, unknown> = {}) =>
    s3.send(new ListObjectsV2Command({ Bucket: bucket, ...input }));

  test("ListObjectsV2() lists every key in UTF-8 binary order with its size and ETag", async () => {
    const page = await list();
    deepEqual(page.Contents?.map((c) => c.Key), KEYS);
    equal(page.KeyCount, KEYS.length);
    equal(page.IsTruncated, false);
    equal(page.NextContinuationToken, undefined);
    const first = page.Contents![0];
    equal(first.Size, "a/1.txt".length);
    ok(first.ETag?.startsWith('"'));
    equal(first.StorageClass, "STANDARD");
  });

  test("ListObjectsV2() rolls keys up into CommonPrefixes with a delimiter", async () => {
    const root = await list({ Delimiter: "/" });
    deepEqual(root.Contents?.map((c) => c.Key), ["b", "z", "é", "\uFFFD", "😀"]);
    deepEqual(root.CommonPrefixes?.map((p) => p.Prefix), ["a/", "c/", "sp ace/"]);
    equal(root.KeyCount, 8);
    const nested = await list({ Prefix: "a/", Delimiter: "/" });
    deepEqual(nested.Contents?.map((c) => c.Key), ["a/1.txt", "a/2.txt"]);
    deepEqual(nested.CommonPrefixes?.map((p) => p.Prefix), ["a/sub/"]);
    equal(nested.Prefix, "a/");
    equal(nested.Delimiter, "/");
  });

  test("paginateListObjectsV2() walks every key once, page by page", async () => {
    const pages = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 3 }, { Bucket: bucket })) {
      pages.push(page);
    }
    equal(pages.length, 4);
    deepEqual(pages.flatMap((p) => p.Contents?.map((c) => c.Key) ?? []), KEYS);
    deepEqual(pages.map((p) => p.KeyCount), [3, 3, 3, 2]);
    ok(pages.slice(0, 3).every((p) => p.IsTruncated && p.NextContinuationToken));
    equal(pages[3].NextContinuationToken, undefined);
    equal(pages[1].ContinuationToken, pages[0].NextContinuationToken);
  });

  test("paginateListObjectsV2() with a delimiter never repeats a common prefix across pages", async () => {
    const entries: string[] = [];
    for await (
      const page of paginateListObjectsV2({ client: s3, pageSize: 1 }, { Bucket: bucket, Delimiter: "/" })
    ) {
      equal((page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0), page.KeyCount);
      entries.push(
        ...(page.Contents?.map((c) => c.Key!) ?? []),
        ...(page.CommonPrefixes?.map((p) => p.Prefix!) ?? []),
      );
    }
    deepEqual(entries, ["a/", "b", "c/", "sp ace/", "z", "é", "\uFFFD", "😀"]);
  });

  test("ListObjectsV2() starts strictly after StartAfter", async () => {
    const page = await list({ StartAfter: "b" });
    deepEqual(page.Contents?.map((c) => c.Key), KEYS.slice(KEYS.indexOf("b") + 1));
    equal(page.StartAfter, "b");
  });

  test("ListObjectsV2() caps MaxKeys at 1000 and sends no token on the last page", async () => {
    const page = await list({ MaxKeys: 5000 });
    equal(page.MaxKeys, 1000);
    equal(page.NextContinuationToken, undefined);
  });

  test("ListObjectsV2() with EncodingType url percent-encodes names", async () => {
    const page = await list({ Prefix: "sp ace/", EncodingType: "url" });
    deepEqual(page.Contents?.map((c) => c.Key), ["sp%20ace/%C3%BC"]);
    equal(page.EncodingType, "url");
  });

  test("ListObjectsV2() fails with InvalidArgument for a forged continuation token", async () => {
    const error = await rejection(list({ ContinuationToken: "not a token!" }));
    equal(error.name, "InvalidArgument");
    equal(statusOf(error), 400);
  });

  test("ListObjectsV2() fails with NoSuchBucket when the bucket is missing", async () => {
    const error = await rejection(s3.send(new ListObjectsV2Command({ Bucket: uniqueBucket("void") })));
    ok(error instanceof NoSuchBucket);
  });

  test("ListObjects() (version 1) pages with Marker and NextMarker", async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: bucket, Delimiter: "/", MaxKeys: 2 }));
    deepEqual(first.CommonPrefixes?.map((p) => p.Prefix), ["a/"]);
    deepEqual(first.Contents?.map((c) => c.Key), ["b"]);
    equal(first.IsTruncated, true);
    equal(first.NextMarker, "b");
    const second = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Delimiter: "/", MaxKeys: 2, Marker: "b" }),
    );
    deepEqual(second.CommonPrefixes?.map((p) => p.Prefix), ["c/", "sp ace/"]);
  });
});
