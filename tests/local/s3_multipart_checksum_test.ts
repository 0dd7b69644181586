import {
  type ChecksumAlgorithm,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";

import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { BIG, ETAG_OF_THREE, multipartSteps, TAIL } from "../support/multipart_checksum_steps.ts";

// Every expected value below comes from the recording multipart_checksum_steps.ts names.

describe("S3 multipart upload checksums", () => {
  const bucket = uniqueBucket("mpu-checksum");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const { create, upload, uploadThree, complete, failure } = multipartSteps(() => s3, bucket);

  test("createMultipartUpload() answers each algorithm's default checksum type when none is named", async () => {
    const types: Array<[ChecksumAlgorithm, string]> = [];
    for (const algorithm of ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"] as const) {
      const created = await create("defaults", algorithm);
      equal(created.ChecksumAlgorithm, algorithm);
      types.push([algorithm, created.ChecksumType!]);
    }
    deepEqual(types, [
      ["CRC32", "COMPOSITE"],
      ["CRC32C", "COMPOSITE"],
      ["SHA1", "COMPOSITE"],
      ["SHA256", "COMPOSITE"],
      ["CRC64NVME", "FULL_OBJECT"],
    ]);
    const plain = await create("defaults");
    equal(plain.ChecksumAlgorithm, undefined);
    equal(plain.ChecksumType, undefined);
  });

  test("createMultipartUpload() refuses a checksum type its algorithm cannot make, or a type alone", async () => {
    deepEqual(await failure(create("refused", "CRC64NVME", "COMPOSITE")), {
      name: "InvalidRequest",
      message: "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.",
      status: 400,
    });
    deepEqual(await failure(create("refused", "SHA256", "FULL_OBJECT")), {
      name: "InvalidRequest",
      message: "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.",
      status: 400,
    });
    deepEqual(await failure(create("refused", undefined, "FULL_OBJECT")), {
      name: "InvalidRequest",
      message: "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.",
      status: 400,
    });
    const crc32Full = await create("accepted", "CRC32", "FULL_OBJECT");
    equal(crc32Full.ChecksumType, "FULL_OBJECT");
  });

  for (
    const [algorithm, partValues, objectValue] of [
      ["CRC32", ["NRU+Sw==", "NRU+Sw==", "TBHN8A=="], "5FRUiw==-3"],
      [
        "SHA256",
        [
          "DjU70AB1bON8k0n0fVHv2PJQVWcA/jWsITp6ti20Tbs=",
          "DjU70AB1bON8k0n0fVHv2PJQVWcA/jWsITp6ti20Tbs=",
          "vyy1imj2hNlaO3jvj2Ycmk5bCegsyPnMiMzpBSjK6yc=",
        ],
        "9o++y6AejqboiJ7MZCx0fahK2Vu5YC/qnNhhYsCLciI=-3",
      ],
    ] as const
  ) {
    test(`completeMultipartUpload() gives a COMPOSITE ${algorithm} upload the checksum of its part checksums`, async () => {
      const key = `composite/${algorithm}`;
      const uploadId = (await create(key, algorithm)).UploadId!;
      const parts = await uploadThree(key, uploadId, algorithm);
      const member = `Checksum${algorithm}` as const;
      deepEqual(parts.map((part) => part[member]), partValues);
      const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
      equal(listed.ChecksumAlgorithm, algorithm);
      equal(listed.ChecksumType, "COMPOSITE");
      deepEqual(listed.Parts!.map((part) => part[member]), partValues);
      const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
      deepEqual(uploads.Uploads!.map((u) => [u.ChecksumAlgorithm, u.ChecksumType]), [[
        algorithm,
        "COMPOSITE",
      ]]);

      const wrong = parts.map((part) => ({ ...part, [member]: partValues[2] }));
      equal((await failure(complete(key, uploadId, wrong))).name, "InvalidPart");
      const bare = parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag }));
      deepEqual(await failure(complete(key, uploadId, bare)), {
        name: "InvalidRequest",
        message:
          `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.`,
        status: 400,
      });
      deepEqual(await failure(complete(key, uploadId, parts, { ChecksumType: "FULL_OBJECT" })), {
        name: "InvalidRequest",
        message:
          "The upload was created using the COMPOSITE checksum mode. The complete request must use the same checksum mode.",
        status: 400,
      });

      const done = await complete(key, uploadId, parts);
      equal(done[member], objectValue);
      equal(done.ChecksumType, "COMPOSITE");
      equal(done.ETag, ETAG_OF_THREE);
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }));
      equal(got[member], objectValue);
      equal(got.ChecksumType, "COMPOSITE");
      equal((await got.Body!.transformToByteArray()).length, 2 * BIG.length + TAIL.length);
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }),
      );
      deepEqual([head[member], head.ChecksumType], [objectValue, "COMPOSITE"]);
      // One part comes with that part's own checksum, which the SDK checks against the bytes.
      const third = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, PartNumber: 3, ChecksumMode: "ENABLED" }),
      );
      deepEqual([third[member], third.ChecksumType], [partValues[2], "COMPOSITE"]);
      equal(await third.Body!.transformToString(), "aaaaaaaaaa");
      const objects = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key }));
      deepEqual(objects.Contents!.map((o) => [o.ChecksumAlgorithm, o.ChecksumType]), [[
        [algorithm],
        "COMPOSITE",
      ]]);
    });
  }

  test("uploadPart() refuses a part checksummed with another algorithm than its upload's", async () => {
    const uploadId = (await create("mismatch", "SHA256")).UploadId!;
    // The SDK checksums a part with CRC32 unless told otherwise.
    deepEqual(await failure(upload("mismatch", uploadId, 1, "abc")), {
      name: "InvalidRequest",
      message: "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32",
      status: 400,
    });
    const part = await upload("mismatch", uploadId, 1, "abc", "SHA256");
    equal(part.ChecksumSHA256, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  });
});
