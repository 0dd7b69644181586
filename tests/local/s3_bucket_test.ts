import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

describe("S3 buckets", () => {
  let aws: LocalAwsServer;
  let s3: S3Client;
  let euWest1: S3Client;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture());
    euWest1 = new S3Client({
      endpoint: aws.endpoint,
      region: "eu-west-1",
      credentials: aws.credentials,
      forcePathStyle: true,
    });
  });
  after(() => aws.close());

  test("CreateBucket() answers Location and HeadBucket() reports the region when created in us-east-1", async () => {
    const bucket = uniqueBucket("create");
    const created = await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    equal(created.Location, `/${bucket}`);
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    equal(head.BucketRegion, "us-east-1");
  });

  test("CreateBucket() is idempotent in us-east-1", async () => {
    const bucket = uniqueBucket("again");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const second = await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    equal(second.$metadata.httpStatusCode, 200);
  });

  test("CreateBucket() fails with BucketAlreadyOwnedByYou when repeated in another region", async () => {
    const bucket = uniqueBucket("owned");
    await euWest1.send(new CreateBucketCommand({ Bucket: bucket }));
    const error = await rejection(euWest1.send(new CreateBucketCommand({ Bucket: bucket })));
    ok(error instanceof BucketAlreadyOwnedByYou);
    equal(statusOf(error), 409);
    equal(error.BucketName, bucket);
    const head = await euWest1.send(new HeadBucketCommand({ Bucket: bucket }));
    equal(head.BucketRegion, "eu-west-1");
    const location = await euWest1.send(new GetBucketLocationCommand({ Bucket: bucket }));
    equal(location.LocationConstraint, "eu-west-1");
  });

  test("CreateBucket() fails with IllegalLocationConstraintException when the constraint names another region", async () => {
    const error = await rejection(euWest1.send(
      new CreateBucketCommand({
        Bucket: uniqueBucket("illegal"),
        CreateBucketConfiguration: { LocationConstraint: "us-west-2" },
      }),
    ));
    equal(error.name, "IllegalLocationConstraintException");
    equal(statusOf(error), 400);
  });

  test("CreateBucket without a LocationConstraint outside us-east-1 is refused as unspecified", async () => {
    const response = await sendSignedS3Request(aws, {
      method: "PUT",
      path: `/${uniqueBucket("bare")}/`,
      region: "eu-west-1",
    });
    equal(response.status, 400);
    ok(response.body.includes("<Code>IllegalLocationConstraintException</Code>"));
    ok(response.body.includes("The unspecified location constraint is incompatible"));
  });

  test("CreateBucket() fails with InvalidBucketName when the name breaks S3's rules", async () => {
    for (
      const name of [
        "ab",
        "Upper-Case",
        "under_score",
        "192.168.5.4",
        "double..dot",
        "-leading",
        "xn--punycode",
      ]
    ) {
      const error = await rejection(s3.send(new CreateBucketCommand({ Bucket: name })));
      equal(error.name, "InvalidBucketName", name);
      equal(statusOf(error), 400);
    }
  });

  test("HeadBucket() fails with NotFound when the bucket is missing", async () => {
    const error = await rejection(s3.send(new HeadBucketCommand({ Bucket: uniqueBucket("missing") })));
    equal(error.name, "NotFound");
    equal(statusOf(error), 404);
  });

  test("ListBuckets() lists created buckets with their creation date and region", async () => {
    const bucket = uniqueBucket("listed");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const listed = await s3.send(new ListBucketsCommand({}));
    const entry = listed.Buckets?.find((b) => b.Name === bucket);
    ok(entry, "the new bucket is listed");
    ok(entry.CreationDate instanceof Date);
    equal(entry.BucketRegion, "us-east-1");
    ok(listed.Owner?.ID);
    const filtered = await s3.send(new ListBucketsCommand({ Prefix: bucket }));
    deepEqual(filtered.Buckets?.map((b) => b.Name), [bucket]);
  });

  test("ListBuckets() pages with MaxBuckets and ContinuationToken", async () => {
    const prefix = uniqueBucket("paged");
    for (const suffix of ["a", "b", "c"]) {
      await s3.send(new CreateBucketCommand({ Bucket: `${prefix}-${suffix}` }));
    }
    const first = await s3.send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2 }));
    deepEqual(first.Buckets?.map((b) => b.Name), [`${prefix}-a`, `${prefix}-b`]);
    ok(first.ContinuationToken);
    const second = await s3.send(
      new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2, ContinuationToken: first.ContinuationToken }),
    );
    deepEqual(second.Buckets?.map((b) => b.Name), [`${prefix}-c`]);
    equal(second.ContinuationToken, undefined);
  });

  test("DeleteBucket() fails with BucketNotEmpty until the last object is gone", async () => {
    const bucket = uniqueBucket("full");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const error = await rejection(s3.send(new DeleteBucketCommand({ Bucket: bucket })));
    equal(error.name, "BucketNotEmpty");
    equal(statusOf(error), 409);
    equal(error.BucketName, bucket);
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    equal(deleted.$metadata.httpStatusCode, 204);
  });

  test("DeleteBucket() answers 204 and the bucket is gone", async () => {
    const bucket = uniqueBucket("gone");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    equal(deleted.$metadata.httpStatusCode, 204);
    const error = await rejection(s3.send(new DeleteBucketCommand({ Bucket: bucket })));
    ok(error instanceof NoSuchBucket);
    equal(error.BucketName, bucket);
  });

  test("an anonymous request is refused with AccessDenied", async () => {
    const bucket = uniqueBucket("private");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const response = await fetch(`${aws.endpoint}/${bucket}/`);
    equal(response.status, 403);
    const body = await response.text();
    ok(body.includes("<Code>AccessDenied</Code>"), body);
    ok(response.headers.get("x-amz-request-id"));
  });
});
