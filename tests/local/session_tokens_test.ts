import { IAMServiceException, ListRolesCommand } from "@aws-sdk/client-iam";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import {
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ok, strictEqual as equal, throws } from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import {
  type ClientKeys,
  iamClient,
  lambdaClient,
  rejection,
  s3Client,
  statusOf,
  stsClient,
} from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

type SessionKeys = ClientKeys & { sessionToken?: string };

/** Sends one harmless request to each service and returns what each rejected with. */
async function refusals(aws: LocalAwsServer, keys: SessionKeys) {
  return {
    s3: await rejection(s3Client(aws, keys, 1).send(new ListBucketsCommand({}))),
    lambda: await rejection(lambdaClient(aws, keys, 1).send(new ListFunctionsCommand({}))),
    iam: await rejection(iamClient(aws, keys).send(new ListRolesCommand({}))),
    sts: await rejection(stsClient(aws, keys).send(new GetCallerIdentityCommand({}))),
  };
}

describe("session tokens on every service", () => {
  const bucket = uniqueBucket("sessions");
  let aws: LocalAwsServer;
  before(async () => {
    ({ aws } = await startLocalAwsFixture({ buckets: [bucket] }));
  });
  after(() => aws.close());

  it("authenticate() accepts session keys on every service when they carry their token", async () => {
    const keys = aws.issueSessionCredentials({ durationSeconds: 600 });
    await s3Client(aws, keys).send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "v" }));
    const got = await s3Client(aws, keys).send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    equal(await got.Body?.transformToString(), "v");
    await lambdaClient(aws, keys).send(new ListFunctionsCommand({}));
    await iamClient(aws, keys).send(new ListRolesCommand({}));
    equal((await stsClient(aws, keys).send(new GetCallerIdentityCommand({}))).Account, "000000000000");
  });

  it("authenticate() refuses session keys on every service when the token is missing", async () => {
    const { accessKeyId, secretAccessKey } = aws.issueSessionCredentials({ durationSeconds: 600 });
    const { s3, lambda, iam, sts } = await refusals(aws, { accessKeyId, secretAccessKey });
    ok(s3 instanceof S3ServiceException);
    equal(s3.name, "InvalidAccessKeyId");
    equal(s3.message, "The AWS Access Key Id you provided does not exist in our records.");
    equal(s3.AWSAccessKeyId, accessKeyId);
    equal(statusOf(s3), 403);
    equal(lambda.name, "UnrecognizedClientException");
    equal(lambda.message, "The security token included in the request is invalid.");
    equal(statusOf(lambda), 403);
    for (const error of [iam, sts]) {
      equal(error.name, "InvalidClientTokenId");
      equal(error.message, "The security token included in the request is invalid.");
      equal(statusOf(error), 403);
    }
    ok(iam instanceof IAMServiceException);
  });

  it("authenticate() refuses session keys on every service when the token is another one", async () => {
    const keys = { ...aws.issueSessionCredentials({ durationSeconds: 600 }), sessionToken: "not-the-token" };
    const { s3, lambda, iam, sts } = await refusals(aws, keys);
    equal(s3.name, "InvalidToken");
    equal(s3.message, "The provided token is malformed or otherwise invalid.");
    equal(statusOf(s3), 400);
    equal(lambda.name, "UnrecognizedClientException");
    equal(statusOf(lambda), 403);
    equal(iam.name, "InvalidClientTokenId");
    equal(sts.name, "InvalidClientTokenId");
  });

  it("issueSessionCredentials() throws when the duration is not positive or the account unknown", () => {
    throws(() => aws.issueSessionCredentials({ durationSeconds: 0 }), /must be positive, got 0/);
    throws(
      () => aws.issueSessionCredentials({ durationSeconds: 5, accountId: "123123123123" }),
      /no such account/,
    );
  });

  it("authenticate() answers each service's expired-token error, presigned URLs included, when the session has expired", async () => {
    // A real, short timer: expiry is wall-clock time on the server.
    const keys = aws.issueSessionCredentials({ durationSeconds: 2 });
    const url = await getSignedUrl(s3Client(aws, keys), new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
      expiresIn: 3600,
    });
    ok(url.includes("X-Amz-Security-Token="), url);
    const early = await fetch(url);
    equal(early.status, 200, "the URL works while the session lasts");
    await early.body?.cancel();
    await sleep(Math.max(0, keys.expiration.getTime() - Date.now()) + 100);

    const { s3, lambda, iam, sts } = await refusals(aws, keys);
    equal(s3.name, "ExpiredToken");
    equal(s3.message, "The provided token has expired.");
    equal(statusOf(s3), 400);
    equal(lambda.name, "ExpiredTokenException");
    equal(lambda.message, "The security token included in the request is expired");
    equal(statusOf(lambda), 403);
    for (const error of [iam, sts]) {
      equal(error.name, "ExpiredToken");
      equal(error.message, "The security token included in the request is expired");
      equal(statusOf(error), 403);
    }
    const late = await fetch(url);
    equal(late.status, 400, "the URL stops with the session, although X-Amz-Expires is an hour");
    const body = await late.text();
    ok(body.includes("<Code>ExpiredToken</Code>"), body);
  });

  it("authenticate() refuses a presigned URL made with session keys when its token is removed or changed", async () => {
    const keys = aws.issueSessionCredentials({ durationSeconds: 600 });
    const url = new URL(
      await getSignedUrl(s3Client(aws, keys), new GetObjectCommand({ Bucket: bucket, Key: "k" })),
    );
    const changed = new URL(url);
    changed.searchParams.set("X-Amz-Security-Token", "forged");
    const changedResponse = await fetch(changed);
    equal(changedResponse.status, 400);
    ok((await changedResponse.text()).includes("<Code>InvalidToken</Code>"));
    const removed = new URL(url);
    removed.searchParams.delete("X-Amz-Security-Token");
    const removedResponse = await fetch(removed);
    equal(removedResponse.status, 403);
    ok((await removedResponse.text()).includes("<Code>InvalidAccessKeyId</Code>"));
  });
});
