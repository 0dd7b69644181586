// Bodies larger than one write buffer (1 MiB) are hashed by digest workers: the same ETag,
// Content-MD5 and checksum verdicts as on the server's thread, and no worker outlives the server.
import {
  type ChecksumAlgorithm,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { digestWorkerStats } from "../../src/local/s3/digest_pool.ts";
import { rejection } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket, uploadLeftovers } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

const MB = 1024 * 1024;
/** Above the threshold, and not a whole number of write buffers. */
const LARGE = 5 * MB + 12_345;

const md5Hex = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

describe("S3 digests of large bodies", () => {
  const bucket = uniqueBucket("large-digest");
  const body = new Uint8Array(randomBytes(LARGE));
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const { tempFiles, assertMissing } = uploadLeftovers(() => aws, () => s3, bucket);

  test("PutObject() returns the md5 of the bytes as the ETag when the body is above the threshold", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "large", Body: body }));
    equal(put.ETag, `"${md5Hex(body)}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "large" }));
    equal(got.ETag, `"${md5Hex(body)}"`);
    equal(md5Hex(await got.Body!.transformToByteArray()), md5Hex(body));
  });

  for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as ChecksumAlgorithm[]) {
    test(`PutObject() verifies a ${algorithm} checksum when the body is above the threshold`, async () => {
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `algo/${algorithm}`,
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      );
      equal(put.ETag, `"${md5Hex(body)}"`);
      ok(put[`Checksum${algorithm}` as "ChecksumCRC32"], "the checksum is echoed");
    });
  }

  // Hashed on a digest worker too: the value sent is computed here, independently.
  for (const algorithm of ["SHA512", "MD5"] as const) {
    test(`PutObject() verifies a ${algorithm} checksum of a large body, and refuses a wrong one`, async () => {
      const hash = algorithm.toLowerCase();
      const member = `Checksum${algorithm}` as const;
      const value = createHash(hash).update(body).digest("base64");
      const put = await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: `algo/${algorithm}`, Body: body, [member]: value }),
      );
      equal(put[member], value);
      const wrong = createHash(hash).update("something else").digest("base64");
      const error = await rejection(
        s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: `bad/${algorithm}`, Body: body, [member]: wrong }),
        ),
      );
      equal(error.name, "BadDigest");
      await assertMissing(`bad/${algorithm}`);
    });
  }

  test("PutObject() fails with BadDigest and stores nothing when a large body's Content-MD5 is wrong", async () => {
    const wrong = createHash("md5").update("something else").digest("base64");
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "bad-md5", Body: body, ContentMD5: wrong })),
    );
    equal(error.name, "BadDigest");
    equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 400);
    await assertMissing("bad-md5");
    deepEqual(await tempFiles(), []);
  });

  test("PutObject() fails with BadDigest when a large body's SHA256 checksum is wrong", async () => {
    const wrong = createHash("sha256").update("something else").digest("base64");
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "bad-sha", Body: body, ChecksumSHA256: wrong })),
    );
    equal(error.name, "BadDigest");
    await assertMissing("bad-sha");
  });

  test("a large upload cut off mid-body leaves no object, no temporary file and no body in a worker", async () => {
    await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${bucket}/cut-off`,
      body,
      payloadHash: "UNSIGNED-PAYLOAD",
      abortAfterBytes: 3 * MB,
    });
    for (let i = 0; i < 50 && (await tempFiles()).length > 0; i++) await sleep(20);
    deepEqual(await tempFiles(), []);
    equal(digestWorkerStats().bodies, 0);
    await assertMissing("cut-off");
  });
});

describe("Digest workers and the server's life", () => {
  test("close() ends every digest worker when concurrent large PutObjects started several", async () => {
    const before = digestWorkerStats().workers;
    const bucket = uniqueBucket("large-close");
    const { aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] });
    try {
      const body = new Uint8Array(6 * MB).fill(7);
      const puts = await Promise.all(
        ["a", "b", "c"].map((key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))),
      );
      for (const put of puts) equal(put.ETag, `"${md5Hex(body)}"`);
      ok(digestWorkerStats().workers > before, "workers hashed the bodies");
    } finally {
      s3.destroy();
      await aws.close();
    }
    equal(digestWorkerStats().workers, before);
  });
});
