import { match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { lambdaClient } from "../support/aws_clients.ts";
import { createActiveFunction, moduleZip } from "../support/lambda_functions.ts";

// AWS gives a function its execution role's temporary credentials (DOC
// lambda/latest/dg/configuration-envvars.html), an AssumeRole session named after the function.
describe("execution role credentials in the function's environment", () => {
  let aws: LocalAwsServer;
  before(async () => aws = await startLocalAws({ pendingMs: 0 }));
  after(() => aws.close());

  test("invoke() hands the function its role's session keys when the function has a role", async () => {
    const lambda = lambdaClient(aws);
    await createActiveFunction(lambda, aws, "keys-fn", {
      Code: {
        ZipFile: moduleZip(`export const handler = async () => ({
          id: process.env.AWS_ACCESS_KEY_ID,
          secret: process.env.AWS_SECRET_ACCESS_KEY,
          token: process.env.AWS_SESSION_TOKEN,
        });`),
      },
    });
    const answer = await lambda.send(new InvokeCommand({ FunctionName: "keys-fn" }));
    const keys = JSON.parse(new TextDecoder().decode(answer.Payload));
    match(keys.id, /^ASIA/);
    ok(keys.id !== aws.credentials.accessKeyId, "not the account's own keys");
    ok(keys.token);
    const sts = new STSClient({
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: { accessKeyId: keys.id, secretAccessKey: keys.secret, sessionToken: keys.token },
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    equal(identity.Arn, "arn:aws:sts::000000000000:assumed-role/lambda-test-role/keys-fn");
    match(identity.UserId!, /^AROA[A-Z0-9]+:keys-fn$/);
  });
});
