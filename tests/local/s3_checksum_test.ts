import {
  type ChecksumAlgorithm,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket, uploadLeftovers } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

/** Checksums of "hello" for the algorithms the SDK computes by itself. */
const HELLO_CHECKSUMS = {
  CRC32: "NhCmhg==",
  CRC32C: "mnG7TA==",
  CRC64NVME: "M3eFcAZSQlc=",
  SHA1: "qvTGHdzF6KLavt4PO0gs2a6pQ00=",
  SHA256: "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
} as const satisfies Partial<Record<ChecksumAlgorithm, string>>;

describe("S3 checksums on plain uploads", () => {
  const bucket = uniqueBucket("checksum");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const { tempFiles, assertMissing } = uploadLeftovers(() => aws, () => s3, bucket);

  for (
    const [algorithm, expected] of Object.entries(HELLO_CHECKSUMS) as Array<
      [keyof typeof HELLO_CHECKSUMS, string]
    >
  ) {
    test(`PutObject() verifies and stores a ${algorithm} checksum that GetObject() returns`, async () => {
      const key = `algo/${algorithm}`;
      const put = await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: "hello", ChecksumAlgorithm: algorithm }),
      );
      equal(put[`Checksum${algorithm}`], expected);
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }));
      equal(got[`Checksum${algorithm}`], expected);
      equal(got.ChecksumType, "FULL_OBJECT");
      equal(await got.Body?.transformToString(), "hello");
    });
  }

  test("PutObject() verifies a SHA512 checksum given by value", async () => {
    const sha512 = createHash("sha512").update("hello").digest("base64");
    const put = await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: "algo/SHA512", Body: "hello", ChecksumSHA512: sha512 }),
    );
    equal(put.ChecksumSHA512, sha512);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "algo/SHA512", ChecksumMode: "ENABLED" }),
    );
    // Sent back, SHA512 would make the SDK throw "not supported by the client" on GET.
    equal(got.ChecksumSHA512, undefined);
    equal(await got.Body?.transformToString(), "hello");
    const wrong = createHash("sha512").update("other").digest("base64");
    const error = await rejection(
      s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: "algo/SHA512", Body: "hello", ChecksumSHA512: wrong }),
      ),
    );
    equal(error.name, "BadDigest");
  });

  test("PutObject() fails with BadDigest when the CRC32 does not match the body", async () => {
    const error = await rejection(
      s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: "bad-crc", Body: "hello", ChecksumCRC32: "AAAAAA==" }),
      ),
    );
    ok(error instanceof S3ServiceException);
    equal(error.name, "BadDigest");
    equal(statusOf(error), 400);
    equal(error.message, "The CRC32 you specified did not match the calculated checksum.");
    await assertMissing("bad-crc");
    deepEqual(await tempFiles(), []);
  });

  test("PutObject() fails with BadDigest when the SHA256 does not match the body", async () => {
    const error = await rejection(
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: "bad-sha",
          Body: "hello",
          ChecksumSHA256: createHash("sha256").update("bye").digest("base64"),
        }),
      ),
    );
    equal(error.name, "BadDigest");
    equal(error.message, "The SHA256 you specified did not match the calculated checksum.");
  });

  test("PutObject() fails with InvalidRequest when the checksum value is malformed", async () => {
    const error = await rejection(
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: "malformed",
          Body: "hello",
          ChecksumCRC32: "not-base64!",
        }),
      ),
    );
    equal(error.name, "InvalidRequest");
    equal(error.message, "Value for x-amz-checksum-crc32 header is invalid.");
    await assertMissing("malformed");
  });

  test("PutObject() checks Content-MD5: BadDigest on mismatch, InvalidDigest when malformed", async () => {
    const good = createHash("md5").update("hello").digest("base64");
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "md5", Body: "hello", ContentMD5: good }));
    const wrong = createHash("md5").update("other").digest("base64");
    const mismatch = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "md5", Body: "hello", ContentMD5: wrong })),
    );
    equal(mismatch.name, "BadDigest");
    const malformed = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "md5", Body: "hello", ContentMD5: "xyz" })),
    );
    equal(malformed.name, "InvalidDigest");
  });

  test("a body that does not match its signed x-amz-content-sha256 fails with XAmzContentSHA256Mismatch", async () => {
    const response = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/sha-mismatch`,
      body: "hello",
      payloadHash: createHash("sha256").update("other").digest("hex"),
    });
    equal(response.status, 400);
    ok(response.body.includes("<Code>XAmzContentSHA256Mismatch</Code>"), response.body);
    await assertMissing("sha-mismatch");
  });

  test("x-amz-sdk-checksum-algorithm without a checksum, or two checksums, fail with InvalidRequest", async () => {
    const lonely = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/lonely`,
      headers: { "x-amz-sdk-checksum-algorithm": "CRC32" },
      body: "hello",
    });
    equal(lonely.status, 400);
    ok(lonely.body.includes("<Code>InvalidRequest</Code>"));
    const twice = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/twice`,
      headers: {
        "x-amz-checksum-crc32": HELLO_CHECKSUMS.CRC32,
        "x-amz-checksum-sha256": HELLO_CHECKSUMS.SHA256,
      },
      body: "hello",
    });
    equal(twice.status, 400);
    ok(twice.body.includes("Multiple checksum Types are not allowed"));
  });
});
