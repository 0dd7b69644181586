import { CreateMultipartUploadCommand, type S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { match, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

describe("S3 CompleteMultipartUpload refusals", () => {
  const bucket = uniqueBucket("mpu-refusals");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const started = async (key: string) => {
    const uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })))
      .UploadId!;
    await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: "x" }),
    );
    return uploadId;
  };

  test("completeMultipartUpload() answers InvalidRequest when the request has no body", async () => {
    const uploadId = await started("no-body");
    const answer = await sendSignedS3Request(aws, {
      method: "POST",
      path: `/${bucket}/no-body?uploadId=${uploadId}`,
    });
    equal(answer.status, 400);
    match(answer.body, /<Code>InvalidRequest<\/Code><Message>You must specify at least one part<\/Message>/);
  });

  test("completeMultipartUpload() answers MalformedXML when the document lists no part", async () => {
    const uploadId = await started("no-parts");
    const answer = await sendSignedS3Request(aws, {
      method: "POST",
      path: `/${bucket}/no-parts?uploadId=${uploadId}`,
      body:
        `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></CompleteMultipartUpload>`,
    });
    equal(answer.status, 400);
    match(answer.body, /<Code>MalformedXML<\/Code>/);
  });
});
