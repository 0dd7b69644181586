import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startLocalAws } from "../../local.ts";
import { LOCAL_ACCOUNT_ID } from "../../src/local/account.ts";
import { createS3Service } from "../../src/local/s3/s3_service.ts";
import { s3Client } from "../support/aws_clients.ts";

describe("S3 data on a user-given dataDir", () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "s3-persistence-test-"));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test("buckets, objects, metadata and unfinished uploads survive a restart", async () => {
    const keys = ["plain.txt", "../up", "dir//double", "ünï/😀"];
    let uploadId: string;
    let partEtag: string | undefined;
    {
      const aws = await startLocalAws({ dataDir });
      try {
        const s3 = s3Client(aws);
        await s3.send(new CreateBucketCommand({ Bucket: "kept-bucket" }));
        for (const key of keys) {
          await s3.send(
            new PutObjectCommand({
              Bucket: "kept-bucket",
              Key: key,
              Body: `v:${key}`,
              Metadata: { k: "v" },
              ContentType: "text/x-kept",
            }),
          );
        }
        uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: "kept-bucket", Key: "later" })))
          .UploadId!;
        partEtag = (await s3.send(
          new UploadPartCommand({
            Bucket: "kept-bucket",
            Key: "later",
            UploadId: uploadId,
            PartNumber: 1,
            Body: "part one",
          }),
        )).ETag;
      } finally {
        await aws.close();
      }
    }
    const aws = await startLocalAws({ dataDir });
    try {
      const s3 = s3Client(aws);
      equal((await s3.send(new HeadBucketCommand({ Bucket: "kept-bucket" }))).BucketRegion, "us-east-1");
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: "kept-bucket" }));
      deepEqual(listed.Contents?.map((c) => c.Key), ["../up", "dir//double", "plain.txt", "ünï/😀"]);
      for (const key of keys) {
        const got = await s3.send(new GetObjectCommand({ Bucket: "kept-bucket", Key: key }));
        equal(await got.Body?.transformToString(), `v:${key}`);
        deepEqual(got.Metadata, { k: "v" });
        equal(got.ContentType, "text/x-kept");
      }
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: "kept-bucket",
          Key: "later",
          UploadId: uploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: partEtag }] },
        }),
      );
      const later = await s3.send(new GetObjectCommand({ Bucket: "kept-bucket", Key: "later" }));
      equal(await later.Body?.transformToString(), "part one");
      await aws.ensureBucket("seeded-bucket");
      await aws.ensureBucket("seeded-bucket");
      equal((await s3.send(new HeadBucketCommand({ Bucket: "seeded-bucket" }))).BucketRegion, "us-east-1");
    } finally {
      await aws.close();
    }
  });

  test("objects.readObject() returns what the SDK stored, or why it cannot", async () => {
    const service = await createS3Service({
      accountId: LOCAL_ACCOUNT_ID,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      dataDir,
      endpoint: () => "http://127.0.0.1:1",
    });
    try {
      const bytes = await service.objects.readObject("kept-bucket", "../up");
      equal(typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes), "v:../up");
      equal(await service.objects.readObject("kept-bucket", "absent"), "NoSuchKey");
      equal(await service.objects.readObject("absent-bucket", "k"), "NoSuchBucket");
    } finally {
      await service.close();
    }
  });
});
