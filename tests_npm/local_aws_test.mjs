// startLocalAws() from "@covalent/awslambda/local", used by the unmodified AWS SDK under Node.js.
import { strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startLocalAws } from "@covalent/awslambda/local";

describe("startLocalAws() under Node.js", () => {
  let aws;
  let s3;
  before(async () => {
    aws = await startLocalAws();
    s3 = new S3Client({
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      forcePathStyle: true,
    });
  });
  after(async () => {
    s3.destroy();
    await aws.close();
  });

  test("startLocalAws() serves S3 to @aws-sdk/client-s3: create, put, get, list", async () => {
    equal(aws.endpoint.startsWith("http://127.0.0.1:"), true, aws.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: "npm-suite" }));
    await s3.send(
      new PutObjectCommand({ Bucket: "npm-suite", Key: "notes/hello.txt", Body: "hello from node" }),
    );
    const object = await s3.send(new GetObjectCommand({ Bucket: "npm-suite", Key: "notes/hello.txt" }));
    equal(await object.Body.transformToString(), "hello from node");
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    equal(Buckets.some((bucket) => bucket.Name === "npm-suite"), true);
  });
});
