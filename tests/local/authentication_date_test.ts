import { ListRolesCommand } from "@aws-sdk/client-iam";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { IAMClient } from "@aws-sdk/client-iam";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { sendSignedS3Request } from "../support/s3_signed_request.ts";

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

describe("local AWS request dates", () => {
  const bucket = uniqueBucket("dates");
  let aws: LocalAwsServer;
  before(async () => ({ aws } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  // The SDK signs with its clock plus systemClockOffset: a client two days behind, as a
  // machine with a wrong clock would be. maxAttempts 1 keeps it from correcting itself.
  const skewed = { systemClockOffset: -TWO_DAYS_MS, maxAttempts: 1 };
  const base = () => ({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials });

  test("authenticate() refuses S3 with RequestTimeTooSkewed when X-Amz-Date is two days old", async () => {
    const s3 = new S3Client({ ...base(), forcePathStyle: true, ...skewed });
    const error = await rejection(s3.send(new ListBucketsCommand({})));
    equal(error.name, "RequestTimeTooSkewed");
    equal(statusOf(error), 403);
    equal(error.message, "The difference between the request time and the current time is too large.");
    equal(error.MaxAllowedSkewMilliseconds, "900000");
    match(String(error.RequestTime), /^\d{8}T\d{6}Z$/);
    match(String(error.ServerTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test("authenticate() lets the SDK correct its clock when S3 says RequestTimeTooSkewed", async () => {
    // The SDK takes ServerTime from the refusal into its systemClockOffset; its next request is
    // then signed with the server's time (S: @aws-sdk/core AwsSdkSigV4Signer.errorHandler).
    const s3 = new S3Client({ ...base(), forcePathStyle: true, ...skewed });
    equal((await rejection(s3.send(new ListBucketsCommand({})))).name, "RequestTimeTooSkewed");
    const listed = await s3.send(new ListBucketsCommand({}));
    ok(listed.Buckets?.some((entry) => entry.Name === bucket));
  });

  test("authenticate() refuses Lambda with InvalidSignatureException when X-Amz-Date is two days old", async () => {
    const error = await rejection(
      new LambdaClient({ ...base(), ...skewed }).send(new ListFunctionsCommand({})),
    );
    equal(error.name, "InvalidSignatureException");
    equal(statusOf(error), 403);
    match(
      error.message,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  test("authenticate() refuses IAM and STS with SignatureDoesNotMatch when X-Amz-Date is two days old", async () => {
    for (
      const send of [
        () => new IAMClient({ ...base(), ...skewed }).send(new ListRolesCommand({})),
        () => new STSClient({ ...base(), ...skewed }).send(new GetCallerIdentityCommand({})),
      ]
    ) {
      const error = await rejection(send());
      equal(error.name, "SignatureDoesNotMatch");
      match(error.message, /^Signature expired: /);
    }
  });

  test("authenticate() accepts a request when it is signed with a Date header instead of X-Amz-Date", async () => {
    const response = await sendSignedS3Request(aws, { method: "GET", path: "/", dateHeader: true });
    equal(response.status, 200);
    match(response.body, new RegExp(`<Name>${bucket}</Name>`));
  });

  test("authenticate() refuses a request with RequestTimeTooSkewed when its Date header is two days old", async () => {
    const response = await sendSignedS3Request(aws, {
      method: "GET",
      path: "/",
      dateHeader: true,
      signedAt: new Date(Date.now() - TWO_DAYS_MS),
    });
    equal(response.status, 403);
    match(response.body, /<Code>RequestTimeTooSkewed<\/Code>/);
  });

  test("authenticate() refuses a presigned URL with AccessDenied when it is dated in the future", async () => {
    const s3 = new S3Client({ ...base(), forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "future", Body: "x" }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "future" }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() + TWO_DAYS_MS),
    });
    const response = await fetch(url);
    equal(response.status, 403);
    const body = await response.text();
    match(body, /<Code>AccessDenied<\/Code><Message>Request is not yet valid<\/Message>/);
    match(body, /<X-Amz-Date>\d+<\/X-Amz-Date>/);
  });
});
