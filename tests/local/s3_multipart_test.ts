import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  NoSuchUpload,
  type S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";
import { sha256OfStream, uniqueBucket, writeRandomFile } from "../support/s3_fixtures.ts";

const MiB = 1024 * 1024;

function md5Hex(bytes: Uint8Array | string): string {
  return createHash("md5").update(bytes).digest("hex");
}

function multipartEtag(parts: Array<Uint8Array | string>): string {
  const digests = createHash("md5");
  for (const part of parts) digests.update(createHash("md5").update(part).digest());
  return `"${digests.digest("hex")}-${parts.length}"`;
}

describe("S3 multipart uploads", () => {
  const bucket = uniqueBucket("multipart");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());
  const scratch = tempDirForSuite("s3-multipart-test");

  // With CRC32 as lib-storage does: S3 refuses part checksums in the Complete of an upload created
  // without an algorithm (InvalidPart), and the helpers below list them.
  const create = async (key: string) =>
    (await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: "CRC32" }),
    ))
      .UploadId!;
  const uploadPart = async (key: string, uploadId: string, partNumber: number, body: Uint8Array | string) => {
    const result = await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
      }),
    );
    return {
      PartNumber: partNumber,
      ETag: result.ETag,
      ChecksumCRC32: result.ChecksumCRC32,
    } as CompletedPart;
  };
  const complete = (key: string, uploadId: string, parts: CompletedPart[]) =>
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );

  test("lib-storage Upload() of a 50 MB file round-trips through 10 concurrent parts", async () => {
    const path = join(scratch, "fifty.bin");
    const digest = await writeRandomFile(path, 50 * MiB);
    const upload = new Upload({
      client: s3,
      params: {
        Bucket: bucket,
        Key: "big/fifty.bin",
        Body: createReadStream(path),
        ContentType: "application/x-test",
        Metadata: { origin: "lib-storage" },
      },
    });
    const result = await upload.done();
    ok(result.ETag?.endsWith('-10"'), result.ETag);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "big/fifty.bin" }));
    equal(head.ContentLength, 50 * MiB);
    equal(head.ContentType, "application/x-test");
    deepEqual(head.Metadata, { origin: "lib-storage" });
    equal(head.ETag, result.ETag);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "big/fifty.bin", ChecksumMode: "ENABLED" }),
    );
    equal(await sha256OfStream(got.Body), digest);
    deepEqual(await readdir(join(aws.dataDir, "s3", "uploads")), [], "the parts are gone");
  });

  test("lib-storage Upload() of a small body goes out as one PutObject", async () => {
    const result = await new Upload({ client: s3, params: { Bucket: bucket, Key: "small", Body: "tiny" } })
      .done();
    equal(result.ETag, `"${md5Hex("tiny")}"`);
  });

  test("CompleteMultipartUpload() joins the parts and gives the multipart ETag", async () => {
    const first = new Uint8Array(5 * MiB).fill(7);
    const uploadId = await create("manual");
    const parts = [
      await uploadPart("manual", uploadId, 1, first),
      await uploadPart("manual", uploadId, 2, "tail"),
    ];
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: "manual", UploadId: uploadId }));
    deepEqual(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag]), [
      [1, 5 * MiB, `"${md5Hex(first)}"`],
      [2, 4, `"${md5Hex("tail")}"`],
    ]);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    ok(uploads.Uploads?.some((u) => u.UploadId === uploadId && u.Key === "manual"));
    const done = await complete("manual", uploadId, parts);
    equal(done.ETag, multipartEtag([first, "tail"]));
    equal(done.Key, "manual");
    equal(done.Bucket, bucket);
    ok(done.Location?.endsWith(`/${bucket}/manual`));
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "manual", Range: "bytes=5242878-" }),
    );
    equal(await got.Body?.transformToString("latin1"), "\x07\x07tail");
  });

  test("GetObject() and HeadObject() with PartNumber read one part of a multipart object", async () => {
    const uploadId = await create("by-part");
    const parts = [
      await uploadPart("by-part", uploadId, 1, new Uint8Array(5 * MiB).fill(1)),
      await uploadPart("by-part", uploadId, 2, "second"),
    ];
    await complete("by-part", uploadId, parts);
    const second = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "by-part", PartNumber: 2 }));
    equal(second.$metadata.httpStatusCode, 206);
    equal(second.PartsCount, 2);
    equal(second.ContentRange, `bytes ${5 * MiB}-${5 * MiB + 5}/${5 * MiB + 6}`);
    equal(await second.Body?.transformToString(), "second");
    const first = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "by-part", PartNumber: 1 }));
    equal(first.ContentLength, 5 * MiB);
    const error = await rejection(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: "by-part", PartNumber: 3 })),
    );
    equal(error.name, "InvalidPartNumber");
    equal(statusOf(error), 416);
  });

  test("a one-part upload of 'aaa' has the ETag AWS gives it", async () => {
    const uploadId = await create("aaa");
    const done = await complete("aaa", uploadId, [await uploadPart("aaa", uploadId, 1, "aaa")]);
    equal(done.ETag, '"e2c3da976e66ec9e7dc128fbc782fc91-1"');
  });

  test("CompleteMultipartUpload() fails with EntityTooSmall when a part before the last is under 5 MiB", async () => {
    const uploadId = await create("too-small");
    const parts = [
      await uploadPart("too-small", uploadId, 1, "x"),
      await uploadPart("too-small", uploadId, 2, "y"),
    ];
    const error = await rejection(complete("too-small", uploadId, parts));
    ok(error instanceof S3ServiceException);
    equal(error.name, "EntityTooSmall");
    equal(statusOf(error), 400);
    equal(error.MinSizeAllowed, "5242880");
    equal(error.ProposedSize, "1");
  });

  test("CompleteMultipartUpload() fails with InvalidPartOrder when parts are not ascending", async () => {
    const uploadId = await create("order");
    const one = await uploadPart("order", uploadId, 1, new Uint8Array(5 * MiB));
    const two = await uploadPart("order", uploadId, 2, "z");
    const error = await rejection(complete("order", uploadId, [two, one]));
    equal(error.name, "InvalidPartOrder");
  });

  test("CompleteMultipartUpload() fails with InvalidPart for a wrong ETag or a part never uploaded", async () => {
    const uploadId = await create("invalid-part");
    const one = await uploadPart("invalid-part", uploadId, 1, "p");
    const wrongTag = await rejection(complete("invalid-part", uploadId, [{ ...one, ETag: '"0123"' }]));
    equal(wrongTag.name, "InvalidPart");
    equal(wrongTag.PartNumber, "1");
    const missing = await rejection(
      complete("invalid-part", uploadId, [one, { PartNumber: 9, ETag: one.ETag }]),
    );
    equal(missing.name, "InvalidPart");
  });

  test("UploadPart() and CompleteMultipartUpload() fail with NoSuchUpload for an unknown or aborted id", async () => {
    const bogus = await rejection(uploadPart("nowhere", "not-an-upload", 1, "x"));
    ok(bogus instanceof NoSuchUpload);
    equal(statusOf(bogus), 404);
    const uploadId = await create("aborted");
    const part = await uploadPart("aborted", uploadId, 1, "x");
    const aborted = await s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: "aborted", UploadId: uploadId }),
    );
    equal(aborted.$metadata.httpStatusCode, 204);
    ok((await rejection(complete("aborted", uploadId, [part]))) instanceof NoSuchUpload);
    ok(
      (await rejection(
        s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: "aborted", UploadId: uploadId })),
      )) instanceof
        NoSuchUpload,
    );
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    ok(!uploads.Uploads?.some((u) => u.UploadId === uploadId));
  });

  test("UploadPart() fails with InvalidArgument for a part number outside 1–10000", async () => {
    const uploadId = await create("numbers");
    const error = await rejection(uploadPart("numbers", uploadId, 10001, "x"));
    equal(error.name, "InvalidArgument");
    equal(statusOf(error), 400);
  });
});
