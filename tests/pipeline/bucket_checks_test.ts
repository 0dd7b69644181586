import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "../../mod.ts";
import { rejection, s3Client } from "../support/aws_clients.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

describe("AWSLambdaExecutor and the staging bucket", () => {
  let bed: ExecutorBed;
  before(async () => {
    bed = await startExecutorBed();
  });
  after(() => bed.close());

  test("run() fails with BucketAccessDenied and sends nothing when another account owns the bucket", async () => {
    const other = bed.aws.addAccount();
    await bed.aws.ensureBucket("someone-elses-bucket", { accountId: other.accountId });
    const error = await rejection(
      bed.executorWith({ s3BucketName: "someone-elses-bucket" }).run(() => 1, []),
    );
    ok(error instanceof BucketAccessDenied, String(error));
    equal(error.bucket, "someone-elses-bucket");
    equal(error.accountId, "000000000000");
    match(error.message, /another account owns a bucket of that name/);
    match(error.message, /s3_bucket_name = "covalent-lambda-000000000000-us-east-1"/);
    const theirs = s3Client(bed.aws, other.credentials);
    const listed = await theirs.send(new ListObjectsV2Command({ Bucket: "someone-elses-bucket" }));
    theirs.destroy();
    deepEqual(listed.Contents ?? [], [], "nothing reached their bucket");
  });

  test("run() fails with BucketRegionMismatch naming both regions when the bucket is in another region", async () => {
    await bed.aws.ensureBucket("bucket-in-ireland", { region: "eu-west-1" });
    const error = await rejection(bed.executorWith({ s3BucketName: "bucket-in-ireland" }).run(() => 1, []));
    ok(error instanceof BucketRegionMismatch, String(error));
    equal(error.bucketRegion, "eu-west-1");
    equal(error.region, "us-east-1");
    match(error.message, /is in eu-west-1, but the executor runs in us-east-1\.\nSet region = "eu-west-1"/);
  });

  test("run() works in the bucket's region once the region is set to it", async () => {
    await bed.aws.ensureBucket("bucket-in-ireland", { region: "eu-west-1" });
    const executor = bed.executorWith({ s3BucketName: "bucket-in-ireland", region: "eu-west-1" });
    equal(await executor.run((s: string) => s.length, ["dublin"]), 6);
  });

  test("run() fails with BucketNotFound carrying the create command when the bucket does not exist", async () => {
    const error = await rejection(bed.executorWith({ s3BucketName: "no-such-bucket-here" }).run(() => 1, []));
    ok(error instanceof BucketNotFound, String(error));
    match(error.message, /aws s3api create-bucket --bucket no-such-bucket-here --region us-east-1/);
  });
});
