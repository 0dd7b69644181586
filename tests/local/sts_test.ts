import { GetCallerIdentityCommand, STSServiceException } from "@aws-sdk/client-sts";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { rejection, stsClient } from "../support/aws_clients.ts";
import { rewriteRequests } from "../support/iam_requests.ts";
import { STSClient } from "@aws-sdk/client-sts";

describe("local STS", () => {
  let aws: LocalAwsServer;
  before(async () => (aws = await startLocalAws()));
  after(() => aws.close());

  test("GetCallerIdentity() answers as the root of account 000000000000", async () => {
    const out = await stsClient(aws).send(new GetCallerIdentityCommand({}));
    equal(out.Account, "000000000000");
    equal(out.Arn, "arn:aws:iam::000000000000:root");
    equal(out.UserId, "000000000000");
    ok(/^[0-9a-f-]{36}$/.test(out.$metadata.requestId ?? ""), `request id ${out.$metadata.requestId}`);
  });

  test("GetCallerIdentity() works from a client in another region", async () => {
    const client = new STSClient({
      endpoint: aws.endpoint,
      region: "eu-west-1",
      credentials: aws.credentials,
    });
    const out = await client.send(new GetCallerIdentityCommand({}));
    equal(out.Account, "000000000000");
  });

  test("an unknown STS Action answers InvalidAction", async () => {
    const client = rewriteRequests(stsClient(aws), (request) => {
      request.body = request.body.replace("Action=GetCallerIdentity", "Action=GetFederationToken");
    });
    const error = await rejection(client.send(new GetCallerIdentityCommand({})));
    ok(error instanceof STSServiceException);
    equal(error.name, "InvalidAction");
    equal(error.message, "Could not find operation GetFederationToken for version 2011-06-15");
  });
});
