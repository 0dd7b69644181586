import {
  CompleteMultipartUploadCommand,
  type CompleteMultipartUploadCommandOutput,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { boto3Missing, runBoto3 } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("S3 CompleteMultipartUpload repeated", () => {
  const bucket = uniqueBucket("mpu-retry");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  /** Starts an upload of `key` with one part; returns what Complete needs. */
  const started = async (key: string, body: string) => {
    const uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })))
      .UploadId!;
    const part = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: body }),
    );
    return { uploadId, parts: [{ PartNumber: 1, ETag: part.ETag }] };
  };
  const complete = (key: string, uploadId: string, parts: Array<{ PartNumber: number; ETag?: string }>) =>
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  const fields = ({ Bucket, Key, ETag, Location }: CompleteMultipartUploadCommandOutput) => ({
    Bucket,
    Key,
    ETag,
    Location,
  });

  test("completeMultipartUpload() answers 200 with the same result when the upload was already completed", async () => {
    const { uploadId, parts } = await started("done/once", "only part");
    const first = await complete("done/once", uploadId, parts);
    const again = await complete("done/once", uploadId, parts);
    equal(again.$metadata.httpStatusCode, 200);
    deepEqual(fields(again), fields(first));
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "done/once" }));
    equal(await object.Body!.transformToString(), "only part");
  });

  test("completeMultipartUpload() gives every overlapping call the one result when they race", async () => {
    const { uploadId, parts } = await started("done/racing", "raced");
    const results = await Promise.all([1, 2, 3].map(() => complete("done/racing", uploadId, parts)));
    for (const result of results) {
      deepEqual(fields(result), fields(results[0]));
    }
  });

  test("completeMultipartUpload() answers NoSuchUpload when the completed upload is named with another key", async () => {
    const { uploadId, parts } = await started("done/mine", "x");
    await complete("done/mine", uploadId, parts);
    equal((await rejection(complete("done/other", uploadId, parts))).name, "NoSuchUpload");
  });

  test("completeMultipartUpload() succeeds twice through boto3 when boto3 repeats it", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    const out = await runBoto3(
      aws,
      [
        `u = s3.create_multipart_upload(Bucket='${bucket}', Key='py/twice')['UploadId']`,
        `e = s3.upload_part(Bucket='${bucket}', Key='py/twice', UploadId=u, PartNumber=1, Body=b'abc')['ETag']`,
        `p = {'Parts': [{'ETag': e, 'PartNumber': 1}]}`,
        `a = s3.complete_multipart_upload(Bucket='${bucket}', Key='py/twice', UploadId=u, MultipartUpload=p)`,
        `b = s3.complete_multipart_upload(Bucket='${bucket}', Key='py/twice', UploadId=u, MultipartUpload=p)`,
        `print(json.dumps([a['ETag'], b['ETag']]))`,
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    const [a, b] = JSON.parse(out.stdout);
    equal(a, b);
    const partMd5 = createHash("md5").update("abc").digest();
    equal(a, `"${createHash("md5").update(partMd5).digest("hex")}-1"`);
  });
});
