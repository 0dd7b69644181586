import { CreateRoleCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import {
  GetAccountSettingsCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { iamClient, lambdaClient, rejection, s3Client, stsClient } from "../support/aws_clients.ts";
import { createActiveFunction } from "../support/lambda_functions.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

const WRONG_KEYS = { accessKeyId: "AKIAWRONGWRONGWRONG0", secretAccessKey: "wrong" };
const EMPTY = { s3: {}, lambda: {}, iam: {}, sts: {} };

describe("LocalAwsServer.requestCounts()", () => {
  const bucket = uniqueBucket("counts");
  let aws: LocalAwsServer;
  let s3: S3Client;
  let lambda: LambdaClient;
  before(
    async () => ({ aws, s3, lambda } = await startLocalAwsFixture({ buckets: [bucket], concurrency: 80 })),
  );
  after(() => aws.close());
  beforeEach(() => aws.resetRequestCounts());

  test("requestCounts() names each S3 operation the SDK sends, presigned requests included", async () => {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "a", Body: "value" }));
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "a" }));
    await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a" }))).Body?.transformToString();
    await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "m" }));
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: "m", UploadId, PartNumber: 1, Body: "part" }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "m",
        UploadId,
        MultipartUpload: { Parts: [{ ETag, PartNumber: 1 }] },
      }),
    );
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "a" }), {
      expiresIn: 60,
    });
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: "b" }), {
      expiresIn: 60,
    });
    equal(await (await fetch(getUrl)).text(), "value");
    await (await fetch(putUrl, { method: "PUT", body: "put through a URL" })).arrayBuffer();
    await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: "a" }, { Key: "b" }] } }),
    );

    deepEqual(aws.requestCounts(), {
      ...EMPTY,
      s3: {
        HeadBucket: 1,
        PutObject: 2,
        HeadObject: 1,
        GetObject: 2,
        ListObjectsV2: 1,
        CreateMultipartUpload: 1,
        UploadPart: 1,
        CompleteMultipartUpload: 1,
        DeleteObjects: 1,
      },
    });
  });

  test("requestCounts() names Lambda operations, and GetAccountSettings reports the configured concurrency", async () => {
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 80);
    await createActiveFunction(lambda, aws, "counted");
    await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "counted" }));
    await lambda.send(new InvokeCommand({ FunctionName: "counted", Payload: JSON.stringify({ n: 1 }) }));
    await lambda.send(new InvokeCommand({ FunctionName: "counted", Payload: JSON.stringify({ n: 2 }) }));

    const counts = aws.requestCounts();
    equal(counts.lambda.GetAccountSettings, 1);
    equal(counts.lambda.CreateFunction, 1);
    equal(counts.lambda.Invoke, 2);
    equal(counts.lambda.GetFunctionConfiguration, 1);
    // The SDK's waiter polls GetFunction until the function is Active.
    equal((counts.lambda.GetFunction ?? 0) >= 1, true);
    deepEqual(counts.s3, {});
  });

  test("requestCounts() names IAM and STS requests by their Action", async () => {
    const iam = iamClient(aws);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "counted-role",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
          }],
        }),
      }),
    );
    await iam.send(new GetRoleCommand({ RoleName: "counted-role" }));
    await stsClient(aws).send(new GetCallerIdentityCommand({}));

    deepEqual(aws.requestCounts(), {
      ...EMPTY,
      iam: { CreateRole: 1, GetRole: 1 },
      sts: { GetCallerIdentity: 1 },
    });
  });

  test("requestCounts() counts requests refused by authentication as Unauthenticated", async () => {
    await rejection(s3Client(aws, WRONG_KEYS, 1).send(new HeadObjectCommand({ Bucket: bucket, Key: "x" })));
    await rejection(lambdaClient(aws, WRONG_KEYS, 1).send(new GetAccountSettingsCommand({})));
    await rejection(
      stsClient(aws, { ...aws.credentials, secretAccessKey: "wrong" }).send(new GetCallerIdentityCommand({})),
    );

    const counts = aws.requestCounts();
    equal(counts.s3.Unauthenticated, 1);
    equal(counts.lambda.Unauthenticated, 1);
    equal((counts.sts.Unauthenticated ?? 0) >= 1, true);
  });

  test("requestCounts() counts a request answered by an injected fault under its operation", async () => {
    const fault = aws.faults.add({
      service: "s3",
      method: "PUT",
      error: { status: 503, code: "SlowDown" },
      times: 1,
    });
    await rejection(
      s3Client(aws, undefined, 1).send(new PutObjectCommand({ Bucket: bucket, Key: "f", Body: "x" })),
    );
    equal(fault.hits, 1);
    deepEqual(aws.requestCounts().s3, { PutObject: 1 });
  });

  test("requestCounts() returns a snapshot, and resetRequestCounts() starts again from zero", async () => {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    const before = aws.requestCounts();
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    deepEqual(before.s3, { HeadBucket: 1 });
    deepEqual(aws.requestCounts().s3, { HeadBucket: 2 });
    aws.resetRequestCounts();
    deepEqual(aws.requestCounts(), EMPTY);
  });
});
