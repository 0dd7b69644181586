import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { s3Client } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";
import { sha256OfStream, uniqueBucket, uploadLeftovers, writeRandomFile } from "../support/s3_fixtures.ts";
import { awsChunkedBody, sendSignedS3Request } from "../support/s3_signed_request.ts";

describe("S3 aws-chunked and interrupted uploads", () => {
  const bucket = uniqueBucket("chunked");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());
  const scratch = tempDirForSuite("s3-chunked-test");

  const { tempFiles, assertMissing } = uploadLeftovers(() => aws, () => s3, bucket);

  test("PutObject() of a 20 MB file stream arrives aws-chunked with a CRC32 trailer and round-trips", async () => {
    const path = join(scratch, "twenty.bin");
    const size = 20 * 1024 * 1024;
    const digest = await writeRandomFile(path, size);
    const client = s3Client(aws);
    const sent: Record<string, string>[] = [];
    client.middlewareStack.add((next) => (args) => {
      sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    }, { step: "finalizeRequest", priority: "low" });
    const put = await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "big/twenty.bin",
        Body: createReadStream(path),
        ContentLength: size,
      }),
    );
    equal(sent[0]["content-encoding"], "aws-chunked");
    equal(sent[0]["x-amz-trailer"], "x-amz-checksum-crc32");
    equal(sent[0]["x-amz-decoded-content-length"], String(size));
    ok(put.ChecksumCRC32, "the trailer checksum was verified and echoed");
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "big/twenty.bin" }));
    equal(head.ContentLength, size);
    equal(
      head.ContentEncoding,
      undefined,
      `aws-chunked is not stored as a content encoding: ${head.ContentEncoding}`,
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "big/twenty.bin", ChecksumMode: "ENABLED" }),
    );
    equal(got.ChecksumCRC32, put.ChecksumCRC32);
    equal(await sha256OfStream(got.Body), digest);
  });

  const chunkedHeaders = (decodedLength: number, extra: Record<string, string> = {}) => ({
    "content-encoding": "aws-chunked",
    "x-amz-decoded-content-length": String(decodedLength),
    "x-amz-trailer": "x-amz-checksum-crc32",
    "x-amz-sdk-checksum-algorithm": "CRC32",
    ...extra,
  });

  test("an aws-chunked PutObject with a corrupted trailer checksum fails with BadDigest", async () => {
    const payload = new TextEncoder().encode("abcdefgh");
    const response = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/chunked/corrupt`,
      headers: chunkedHeaders(payload.length),
      body: awsChunkedBody(payload, 3, "x-amz-checksum-crc32:AAAAAA=="),
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    });
    equal(response.status, 400);
    ok(response.body.includes("<Code>BadDigest</Code>"), response.body);
    await assertMissing("chunked/corrupt");
    deepEqual(await tempFiles(), []);
  });

  test("an aws-chunked PutObject with chunk-signature size lines is decoded", async () => {
    const payload = new TextEncoder().encode("abcdefgh");
    const response = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/chunked/signed`,
      headers: chunkedHeaders(payload.length, { "content-encoding": "aws-chunked,gzip" }),
      body: awsChunkedBody(payload, 5, "x-amz-checksum-crc32:ru8qUA==", true),
      payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
    });
    equal(response.status, 200, response.body);
    equal(response.headers.etag, `"${createHash("md5").update(payload).digest("hex")}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "chunked/signed" }));
    equal(got.ContentEncoding, "gzip");
    equal(await got.Body?.transformToString(), "abcdefgh");
  });

  test("an aws-chunked PutObject shorter than x-amz-decoded-content-length fails with IncompleteBody", async () => {
    const payload = new TextEncoder().encode("abcdefgh");
    const response = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/chunked/short`,
      headers: chunkedHeaders(payload.length + 1),
      body: awsChunkedBody(payload, 8, "x-amz-checksum-crc32:ru8qUA=="),
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    });
    equal(response.status, 400);
    ok(response.body.includes("<Code>IncompleteBody</Code>"), response.body);
    await assertMissing("chunked/short");
  });

  test("a truncated aws-chunked body is refused and leaves nothing behind", async () => {
    const payload = new TextEncoder().encode("abcdefgh");
    const body = awsChunkedBody(payload, 8, "x-amz-checksum-crc32:ru8qUA==").subarray(0, 7);
    const response = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/chunked/truncated`,
      headers: chunkedHeaders(payload.length),
      body,
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    });
    equal(response.status, 400);
    await assertMissing("chunked/truncated");
    deepEqual(await tempFiles(), []);
  });

  test("a plain upload cut off mid-body leaves no object and no temporary file", async () => {
    const body = new Uint8Array(1024 * 1024).fill(1);
    await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/cut-off`,
      body,
      payloadHash: "UNSIGNED-PAYLOAD",
      abortAfterBytes: 64 * 1024,
    });
    for (let i = 0; i < 50 && (await tempFiles()).length > 0; i++) await sleep(20);
    deepEqual(await tempFiles(), []);
    await assertMissing("cut-off");
  });
});
