// Deployment packages read from S3 (Code.S3Bucket / S3Key), through local AWS's own S3.
import {
  GetFunctionCommand,
  InvalidParameterValueException,
  type LambdaClient,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createTestFunction, moduleZip, waitForActive, waitForUpdated } from "../support/lambda_functions.ts";

describe("Lambda code from S3", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  let s3: S3Client;
  before(async () => {
    ({ aws, lambda, s3 } = await startLocalAwsFixture({ pendingMs: 50, buckets: ["code-bucket"] }));
  });
  after(() => aws.close());

  test("CreateFunction() and UpdateFunctionCode() take the zip from S3Bucket/S3Key", async () => {
    const v1 = moduleZip("export const handler = async () => 's3-v1';\n");
    await s3.send(new PutObjectCommand({ Bucket: "code-bucket", Key: "builds/v1.zip", Body: v1 }));
    const created = await createTestFunction(lambda, aws, "s3-fn", {
      Code: { S3Bucket: "code-bucket", S3Key: "builds/v1.zip" },
    });
    equal(created.CodeSize, v1.length);
    equal(created.CodeSha256, createHash("sha256").update(v1).digest("base64"));
    await waitForActive(lambda, "s3-fn");

    const v2 = moduleZip("export const handler = async () => 's3-v2';\n");
    await s3.send(new PutObjectCommand({ Bucket: "code-bucket", Key: "builds/v2.zip", Body: v2 }));
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "s3-fn",
        S3Bucket: "code-bucket",
        S3Key: "builds/v2.zip",
      }),
    );
    await waitForUpdated(lambda, "s3-fn");
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "s3-fn" }));
    equal(got.Configuration?.CodeSha256, createHash("sha256").update(v2).digest("base64"));
    const download = await fetch(got.Code?.Location ?? "");
    deepEqual(new Uint8Array(await download.arrayBuffer()), v2);
  });

  test("CreateFunction() names S3's error when the bucket or key does not exist", async () => {
    const noKey = await rejection(
      createTestFunction(lambda, aws, "s3-missing-fn", {
        Code: { S3Bucket: "code-bucket", S3Key: "nope.zip" },
      }),
    );
    ok(noKey instanceof InvalidParameterValueException);
    equal(
      noKey.message,
      "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.",
    );
    const noBucket = await rejection(
      createTestFunction(lambda, aws, "s3-missing-fn", {
        Code: { S3Bucket: "no-such-bucket", S3Key: "a.zip" },
      }),
    );
    ok(noBucket instanceof InvalidParameterValueException);
    ok(noBucket.message.includes("S3 Error Code: NoSuchBucket"), noBucket.message);
  });
});
