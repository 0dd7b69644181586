import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, s3Client, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("S3 x-amz-expected-bucket-owner", () => {
  const bucket = uniqueBucket("expected-owner");
  const OWNER = "000000000000";
  const STRANGER = "999999999999";
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "v" }));
  });
  after(() => aws.close());

  it("PutObject() and GetObject() are served when the expected owner is the bucket's", async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k2", Body: "v2", ExpectedBucketOwner: OWNER }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "k2", ExpectedBucketOwner: OWNER }),
    );
    equal(await got.Body?.transformToString(), "v2");
    await s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: OWNER }));
  });

  it("every bucket and object operation answers 403 AccessDenied when the expected owner is another account", async () => {
    const calls: Array<[string, Promise<unknown>]> = [
      [
        "PutObject",
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: "x", Body: "x", ExpectedBucketOwner: STRANGER })),
      ],
      [
        "GetObject",
        s3.send(new GetObjectCommand({ Bucket: bucket, Key: "k", ExpectedBucketOwner: STRANGER })),
      ],
      ["ListObjectsV2", s3.send(new ListObjectsV2Command({ Bucket: bucket, ExpectedBucketOwner: STRANGER }))],
      [
        "DeleteObjects",
        s3.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: [{ Key: "k" }] },
            ExpectedBucketOwner: STRANGER,
          }),
        ),
      ],
    ];
    for (const [operation, call] of calls) {
      const error = await rejection(call);
      equal(error.name, "AccessDenied", operation);
      equal(error.message, "Access Denied", operation);
      equal(statusOf(error), 403, operation);
    }
    for (
      const call of [
        s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "k", ExpectedBucketOwner: STRANGER })),
        s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: STRANGER })),
      ]
    ) {
      equal(statusOf(await rejection(call)), 403);
    }
    // Nothing was written or deleted.
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    equal(await got.Body?.transformToString(), "v");
  });

  it("CopyObject() answers AccessDenied when the expected source bucket owner is another account", async () => {
    const error = await rejection(
      s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: "copy",
          CopySource: `${bucket}/k`,
          ExpectedSourceBucketOwner: STRANGER,
        }),
      ),
    );
    equal(error.name, "AccessDenied");
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: "copy",
        CopySource: `${bucket}/k`,
        ExpectedSourceBucketOwner: OWNER,
      }),
    );
  });

  it("CopyObject() answers AccessDenied when the source bucket belongs to another account", async () => {
    const other = aws.addAccount();
    const theirs = uniqueBucket("copy-theirs");
    await aws.ensureBucket(theirs, { accountId: other.accountId });
    await s3Client(aws, other.credentials).send(
      new PutObjectCommand({ Bucket: theirs, Key: "s", Body: "secret" }),
    );
    const error = await rejection(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "stolen", CopySource: `${theirs}/s` })),
    );
    equal(error.name, "AccessDenied");
  });

  it("a presigned GET URL answers 403 when it names another expected owner, and 200 when it names the owner", async () => {
    const wrong = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: bucket, Key: "k", ExpectedBucketOwner: STRANGER }),
    );
    ok(wrong.includes("x-amz-expected-bucket-owner=999999999999"), wrong);
    const refused = await fetch(wrong);
    equal(refused.status, 403);
    ok((await refused.text()).includes("<Code>AccessDenied</Code>"));
    const right = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: bucket, Key: "k", ExpectedBucketOwner: OWNER }),
    );
    const served = await fetch(right);
    equal(served.status, 200);
    equal(await served.text(), "v");
  });
});
