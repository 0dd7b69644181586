import { ListRolesCommand } from "@aws-sdk/client-iam";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { iamClient, lambdaClient, rejection, s3Client, statusOf, stsClient } from "../support/aws_clients.ts";

const wrongKey = { accessKeyId: "nobody", secretAccessKey: "test" };
const wrongSecret = { accessKeyId: "test", secretAccessKey: "not-the-secret" };

describe("local AWS authentication", () => {
  let aws: LocalAwsServer;
  before(async () => (aws = await startLocalAws()));
  after(() => aws.close());

  test("S3 refuses an unknown access key with InvalidAccessKeyId", async () => {
    const error = await rejection(s3Client(aws, wrongKey).send(new ListBucketsCommand({})));
    equal(error.name, "InvalidAccessKeyId");
    equal(statusOf(error), 403);
  });

  test("S3 refuses a wrong secret with SignatureDoesNotMatch", async () => {
    const error = await rejection(s3Client(aws, wrongSecret).send(new ListBucketsCommand({})));
    equal(error.name, "SignatureDoesNotMatch");
  });

  test("Lambda refuses an unknown access key with UnrecognizedClientException", async () => {
    const error = await rejection(lambdaClient(aws, wrongKey).send(new ListFunctionsCommand({})));
    equal(error.name, "UnrecognizedClientException");
  });

  test("Lambda refuses a wrong secret with InvalidSignatureException", async () => {
    const error = await rejection(lambdaClient(aws, wrongSecret).send(new ListFunctionsCommand({})));
    equal(error.name, "InvalidSignatureException");
  });

  test("IAM refuses an unknown access key with InvalidClientTokenId", async () => {
    const error = await rejection(iamClient(aws, wrongKey).send(new ListRolesCommand({})));
    equal(error.name, "InvalidClientTokenId");
  });

  test("STS refuses a wrong secret with SignatureDoesNotMatch", async () => {
    const error = await rejection(stsClient(aws, wrongSecret).send(new GetCallerIdentityCommand({})));
    equal(error.name, "SignatureDoesNotMatch");
  });

  test("an unsigned Lambda request gets MissingAuthenticationTokenException", async () => {
    const response = await fetch(`${aws.endpoint}/2015-03-31/functions`);
    equal(response.status, 403);
    equal(response.headers.get("x-amzn-errortype"), "MissingAuthenticationTokenException");
    await response.body?.cancel();
  });
});
