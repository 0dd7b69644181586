import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

const REDIRECT_MESSAGE =
  "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.";

/** The HTTP response headers an SDK error kept. */
function responseHeaders(error: Record<string, unknown>): Record<string, string> {
  return (error.$response as { headers: Record<string, string> }).headers;
}

describe("S3 bucket regions", () => {
  const euBucket = uniqueBucket("eu");
  let aws: LocalAwsServer;
  let us: S3Client;
  let eu: S3Client;
  const client = (region: string, extra: Record<string, unknown> = {}) =>
    new S3Client({
      endpoint: aws.endpoint,
      region,
      credentials: aws.credentials,
      forcePathStyle: true,
      ...extra,
    });
  before(async () => {
    aws = await startLocalAws();
    us = client("us-east-1");
    eu = client("eu-west-1");
    await eu.send(
      new CreateBucketCommand({
        Bucket: euBucket,
        CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
      }),
    );
  });
  after(() => aws.close());

  it("CreateBucket() puts the bucket in the LocationConstraint's region when signed there", async () => {
    equal((await eu.send(new HeadBucketCommand({ Bucket: euBucket }))).BucketRegion, "eu-west-1");
    await eu.send(new PutObjectCommand({ Bucket: euBucket, Key: "k", Body: "in eu" }));
    const got = await eu.send(new GetObjectCommand({ Bucket: euBucket, Key: "k" }));
    equal(await got.Body?.transformToString(), "in eu");
    equal((await eu.send(new ListObjectsV2Command({ Bucket: euBucket }))).KeyCount, 1);
  });

  // What the other engineer's error mapping can rely on (client-s3 3.1175.0, default
  // followRegionRedirects: false): the SDK does not follow the 301, and
  // - PutObject (and every operation with a body) rejects with an S3ServiceException named
  //   "PermanentRedirect", message as S3 words it, $metadata.httpStatusCode 301,
  //   $response.headers["x-amz-bucket-region"] = the bucket's region, plus the parsed `Endpoint`
  //   and `Bucket` members;
  // - HeadBucket (a HEAD: no body) rejects with an S3ServiceException named "Unknown", message
  //   "UnknownError", $metadata.httpStatusCode 301, $fault "client", and the same header.
  it("PutObject() rejects with PermanentRedirect, status 301 and x-amz-bucket-region when signed for another region", async () => {
    const error = await rejection(us.send(new PutObjectCommand({ Bucket: euBucket, Key: "k", Body: "x" })));
    ok(error instanceof S3ServiceException);
    equal(error.name, "PermanentRedirect");
    equal(error.message, REDIRECT_MESSAGE);
    equal(statusOf(error), 301);
    equal(responseHeaders(error)["x-amz-bucket-region"], "eu-west-1");
    equal(error.Endpoint, `${euBucket}.s3.eu-west-1.amazonaws.com`);
    equal(error.Bucket, euBucket);
    equal((error.$metadata as { attempts: number }).attempts, 1);
  });

  it("HeadBucket() rejects as Unknown with status 301 and x-amz-bucket-region when signed for another region", async () => {
    const error = await rejection(us.send(new HeadBucketCommand({ Bucket: euBucket })));
    ok(error instanceof S3ServiceException);
    equal(error.name, "Unknown");
    equal(error.message, "UnknownError");
    equal(error.$fault, "client");
    equal(statusOf(error), 301);
    equal(responseHeaders(error)["x-amz-bucket-region"], "eu-west-1");
  });

  it("GetObject() through a presigned URL answers 301 PermanentRedirect when signed for another region", async () => {
    const url = await getSignedUrl(us, new GetObjectCommand({ Bucket: euBucket, Key: "k" }));
    // `redirect: "manual"`: a 301 has no Location, and a following fetch drops its body.
    const response = await fetch(url, { redirect: "manual" });
    equal(response.status, 301);
    equal(response.headers.get("x-amz-bucket-region"), "eu-west-1");
    const body = await response.text();
    ok(body.includes("<Code>PermanentRedirect</Code>"), body);
    ok(body.includes(`<Endpoint>${euBucket}.s3.eu-west-1.amazonaws.com</Endpoint>`), body);
    ok(body.includes(`<Bucket>${euBucket}</Bucket>`), body);
  });

  it("S3Client() with followRegionRedirects reaches the bucket when it starts in the wrong region", async () => {
    const following = client("us-east-1", { followRegionRedirects: true });
    await following.send(new PutObjectCommand({ Bucket: euBucket, Key: "followed", Body: "ok" }));
    const got = await eu.send(new GetObjectCommand({ Bucket: euBucket, Key: "followed" }));
    equal(await got.Body?.transformToString(), "ok");
  });

  it("GetBucketLocation() answers from any region when the bucket is elsewhere", async () => {
    equal(
      (await us.send(new GetBucketLocationCommand({ Bucket: euBucket }))).LocationConstraint,
      "eu-west-1",
    );
  });

  it("ListObjectsV2() is served as usual when the bucket is in the request's own region", async () => {
    const bucket = uniqueBucket("us");
    await us.send(new CreateBucketCommand({ Bucket: bucket }));
    await us.send(new PutObjectCommand({ Bucket: bucket, Key: "a", Body: "1" }));
    equal((await us.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.[0]?.Key, "a");
    equal((await us.send(new HeadBucketCommand({ Bucket: bucket }))).BucketRegion, "us-east-1");
  });

  it("PutObject() answers 301 before AccessDenied when the bucket is another account's in another region", async () => {
    const other = aws.addAccount();
    const bucket = uniqueBucket("eu-other");
    await aws.ensureBucket(bucket, { region: "eu-west-1", accountId: other.accountId });
    const wrongRegion = await rejection(
      us.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" })),
    );
    equal(statusOf(wrongRegion), 301);
    const rightRegion = await rejection(
      eu.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" })),
    );
    equal(rightRegion.name, "AccessDenied");
  });
});
