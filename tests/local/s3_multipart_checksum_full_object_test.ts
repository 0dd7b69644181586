import { GetObjectCommand, HeadObjectCommand, ListPartsCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { BIG, ETAG_OF_THREE, multipartSteps, TAIL } from "../support/multipart_checksum_steps.ts";

// Every expected value below comes from the recording multipart_checksum_steps.ts names.

describe("S3 multipart upload full-object checksums", () => {
  const bucket = uniqueBucket("mpu-full-checksum");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const { create, upload, uploadThree, complete, failure } = multipartSteps(() => s3, bucket);

  test("completeMultipartUpload() checks the full-object CRC32 it is sent and stores it when it matches", async () => {
    const key = "full/crc32";
    const uploadId = (await create(key, "CRC32", "FULL_OBJECT")).UploadId!;
    const parts = await uploadThree(key, uploadId, "CRC32");
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    deepEqual([listed.ChecksumAlgorithm, listed.ChecksumType], ["CRC32", "FULL_OBJECT"]);
    const badDigest = {
      name: "BadDigest",
      message: "The crc32 you specified did not match the calculated checksum.",
      status: 400,
    };
    deepEqual(
      await failure(
        complete(key, uploadId, parts, { ChecksumCRC32: "AAAAAA==", ChecksumType: "FULL_OBJECT" }),
      ),
      badDigest,
    );
    // Without the type even the right value is refused, as S3 refuses it.
    deepEqual(await failure(complete(key, uploadId, parts, { ChecksumCRC32: "qSEQSA==" })), badDigest);
    const wrongPart = parts.map((part, index) => index === 2 ? { ...part, ChecksumCRC32: "AAAAAA==" } : part);
    equal((await failure(complete(key, uploadId, wrongPart))).name, "InvalidPart");

    // Part checksums may be left out of a full-object Complete.
    const bare = parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag }));
    const done = await complete(key, uploadId, bare, {
      ChecksumCRC32: "qSEQSA==",
      ChecksumType: "FULL_OBJECT",
    });
    deepEqual([done.ChecksumCRC32, done.ChecksumType, done.ETag], ["qSEQSA==", "FULL_OBJECT", ETAG_OF_THREE]);
    // The SDK checks the whole body against this value while it reads it.
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }));
    deepEqual([got.ChecksumCRC32, got.ChecksumType], ["qSEQSA==", "FULL_OBJECT"]);
    equal((await got.Body!.transformToByteArray()).length, 2 * BIG.length + TAIL.length);
    const third = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, PartNumber: 3, ChecksumMode: "ENABLED" }),
    );
    deepEqual([third.ChecksumCRC32, third.ChecksumType], [undefined, undefined]);
    equal(await third.Body!.transformToString(), "aaaaaaaaaa");
  });

  test("completeMultipartUpload() accepts the right full-object CRC64NVME header and refuses a wrong one", async () => {
    const key = "full/crc64nvme";
    const created = await create(key, "CRC64NVME");
    equal(created.ChecksumType, "FULL_OBJECT");
    const part = await upload(key, created.UploadId!, 1, "aaa", "CRC64NVME");
    equal(part.ChecksumCRC64NVME, "Rnr2/5P7Gsk=");
    const parts = [{ PartNumber: 1, ETag: part.ETag, ChecksumCRC64NVME: part.ChecksumCRC64NVME }];
    deepEqual(
      await failure(
        complete(key, created.UploadId!, parts, {
          ChecksumCRC64NVME: "M3eFcAZSQlc=",
          ChecksumType: "FULL_OBJECT",
        }),
      ),
      {
        name: "BadDigest",
        message: "The crc64nvme you specified did not match the calculated checksum.",
        status: 400,
      },
    );
    const done = await complete(key, created.UploadId!, parts, {
      ChecksumCRC64NVME: "Rnr2/5P7Gsk=",
      ChecksumType: "FULL_OBJECT",
    });
    deepEqual([done.ChecksumCRC64NVME, done.ChecksumType, done.ETag], [
      "Rnr2/5P7Gsk=",
      "FULL_OBJECT",
      '"e2c3da976e66ec9e7dc128fbc782fc91-1"',
    ]);
    // The only part is the whole object, so it comes with the object's checksum.
    const first = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key, PartNumber: 1, ChecksumMode: "ENABLED" }),
    );
    deepEqual([first.ChecksumCRC64NVME, first.ChecksumType], ["Rnr2/5P7Gsk=", "FULL_OBJECT"]);
  });

  test("completeMultipartUpload() gives an upload created without an algorithm a full-object CRC64NVME", async () => {
    const key = "default/aaa";
    const uploadId = (await create(key)).UploadId!;
    const part = await upload(key, uploadId, 1, "aaa", "CRC32C");
    equal(part.ChecksumCRC32C, "45fn2Q==", "the part's own checksum is verified and echoed");
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    deepEqual([listed.ChecksumAlgorithm, listed.ChecksumType, listed.Parts![0].ChecksumCRC32C], [
      undefined,
      undefined,
      undefined,
    ]);
    const withChecksum = [{ PartNumber: 1, ETag: part.ETag, ChecksumCRC32C: part.ChecksumCRC32C }];
    equal((await failure(complete(key, uploadId, withChecksum))).name, "InvalidPart");
    const bare = [{ PartNumber: 1, ETag: part.ETag }];
    deepEqual(await failure(complete(key, uploadId, bare, { ChecksumType: "COMPOSITE" })), {
      name: "InvalidRequest",
      message:
        "The upload was created using the null checksum mode. The complete request must use the same checksum mode.",
      status: 400,
    });
    const done = await complete(key, uploadId, bare);
    deepEqual([done.ChecksumCRC64NVME, done.ChecksumType], ["Rnr2/5P7Gsk=", "FULL_OBJECT"]);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }));
    deepEqual([got.ChecksumCRC64NVME, got.ChecksumType, await got.Body!.transformToString()], [
      "Rnr2/5P7Gsk=",
      "FULL_OBJECT",
      "aaa",
    ]);
  });

  test("Upload() from lib-storage completes a COMPOSITE CRC32 object the SDK reads back", async () => {
    const body = new Uint8Array(11 * 1024 * 1024).map((_, i) => i % 251);
    const done = await new Upload({ client: s3, params: { Bucket: bucket, Key: "lib-storage", Body: body } })
      .done();
    ok(done.ETag?.endsWith('-3"'), done.ETag);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "lib-storage", ChecksumMode: "ENABLED" }),
    );
    equal(got.ChecksumType, "COMPOSITE");
    ok(got.ChecksumCRC32?.endsWith("-3"), got.ChecksumCRC32);
    deepEqual(await got.Body!.transformToByteArray(), body);
  });
});
