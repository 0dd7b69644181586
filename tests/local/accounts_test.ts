import { CreateRoleCommand, GetRoleCommand, IAMServiceException } from "@aws-sdk/client-iam";
import { GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal, throws } from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { iamClient, lambdaClient, rejection, s3Client, statusOf, stsClient } from "../support/aws_clients.ts";
import { LAMBDA_TRUST } from "../support/iam_requests.ts";
import { createActiveFunction, createTestFunction } from "../support/lambda_functions.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("local AWS with more than one account", () => {
  let aws: LocalAwsServer;
  let other: ReturnType<LocalAwsServer["addAccount"]>;
  before(async () => {
    aws = await startLocalAws({ pendingMs: 50 });
    other = aws.addAccount();
  });
  after(() => aws.close());

  it("addAccount() generates AKIA keys and the next account id when given nothing", () => {
    equal(other.accountId, "111111111111");
    ok(/^AKIA[A-Z2-7]{16}$/.test(other.credentials.accessKeyId), other.credentials.accessKeyId);
    equal(other.credentials.secretAccessKey.length, 40);
    const third = aws.addAccount({
      accountId: "123456789012",
      credentials: { accessKeyId: "AKIATHIRDACCOUNTKEY0", secretAccessKey: "third-secret" },
    });
    deepEqual(third, {
      accountId: "123456789012",
      credentials: { accessKeyId: "AKIATHIRDACCOUNTKEY0", secretAccessKey: "third-secret" },
    });
    equal(aws.addAccount().accountId, "222222222222");
  });

  it("addAccount() throws when the id is malformed or taken or the key belongs to another account", () => {
    throws(() => aws.addAccount({ accountId: "12345" }), /an account id is 12 digits/);
    throws(() => aws.addAccount({ accountId: "111111111111" }), /exists already/);
    throws(
      () => aws.addAccount({ credentials: aws.credentials }),
      /access key test belongs to another account/,
    );
  });

  it("GetCallerIdentity() answers with the caller's own account when signed by an added account", async () => {
    const out = await stsClient(aws, other.credentials).send(new GetCallerIdentityCommand({}));
    equal(out.Account, "111111111111");
    equal(out.Arn, "arn:aws:iam::111111111111:root");
    equal(out.UserId, "111111111111");
    equal((await stsClient(aws).send(new GetCallerIdentityCommand({}))).Account, "000000000000");
  });

  it("CreateBucket() makes the bucket the caller's, and others get AccessDenied when they use it", async () => {
    const bucket = uniqueBucket("owned");
    const mine = s3Client(aws, other.credentials);
    await mine.send(new CreateBucketCommand({ Bucket: bucket }));
    await mine.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "v" }));
    const primary = s3Client(aws);
    for (
      const call of [
        primary.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })),
        primary.send(new PutObjectCommand({ Bucket: bucket, Key: "k2", Body: "v" })),
      ]
    ) {
      const error = await rejection(call);
      ok(error instanceof S3ServiceException);
      equal(error.name, "AccessDenied");
      equal(error.message, "Access Denied");
      equal(statusOf(error), 403);
    }
    // HEAD carries no body: the SDK names a bare 403 "Unknown".
    const head = await rejection(primary.send(new HeadBucketCommand({ Bucket: bucket })));
    equal(statusOf(head), 403);
  });

  it("CreateBucket() answers 409 BucketAlreadyExists when another account owns the name", async () => {
    const bucket = uniqueBucket("taken");
    await s3Client(aws).send(new CreateBucketCommand({ Bucket: bucket }));
    const error = await rejection(
      s3Client(aws, other.credentials).send(new CreateBucketCommand({ Bucket: bucket })),
    );
    equal(error.name, "BucketAlreadyExists");
    equal(
      error.message,
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
    );
    equal(statusOf(error), 409);
  });

  it("ListBuckets() lists only the caller's buckets when two accounts have buckets", async () => {
    const mine = uniqueBucket("list-mine");
    const theirs = uniqueBucket("list-theirs");
    await aws.ensureBucket(mine);
    await aws.ensureBucket(theirs, { accountId: other.accountId });
    const primaryList = await s3Client(aws).send(new ListBucketsCommand({}));
    const names = primaryList.Buckets!.map((bucket) => bucket.Name);
    ok(names.includes(mine) && !names.includes(theirs), names.join());
    equal(primaryList.Owner?.ID, "000000000000");
    const otherList = await s3Client(aws, other.credentials).send(new ListBucketsCommand({}));
    const otherNames = otherList.Buckets!.map((bucket) => bucket.Name);
    ok(otherNames.includes(theirs) && !otherNames.includes(mine), otherNames.join());
    equal(otherList.Owner?.ID, "111111111111");
  });

  it("ensureBucket() creates the bucket in the region and account given, and is idempotent", async () => {
    const bucket = uniqueBucket("ensured");
    await aws.ensureBucket(bucket, { region: "eu-west-1", accountId: other.accountId });
    await aws.ensureBucket(bucket, { region: "eu-west-1", accountId: other.accountId });
    const euClient = new S3Client({
      endpoint: aws.endpoint,
      region: "eu-west-1",
      credentials: other.credentials,
      forcePathStyle: true,
    });
    equal((await euClient.send(new HeadBucketCommand({ Bucket: bucket }))).BucketRegion, "eu-west-1");
  });

  it("ensureBucket() rejects when the bucket exists in another region or account", async () => {
    const bucket = uniqueBucket("ensure-clash");
    await aws.ensureBucket(bucket);
    await rejection(aws.ensureBucket(bucket, { region: "eu-west-1" })).then((error) =>
      ok(/exists in us-east-1, owned by 000000000000/.test(error.message), error.message)
    );
    await rejection(aws.ensureBucket(bucket, { accountId: other.accountId })).then((error) =>
      ok(/owned by 000000000000/.test(error.message), error.message)
    );
    await rejection(aws.ensureBucket(uniqueBucket("nobody"), { accountId: "999999999990" })).then((error) =>
      ok(/no such account/.test(error.message), error.message)
    );
  });

  it("ListFunctions() shows each account its own functions when both have some", async () => {
    await createActiveFunction(lambdaClient(aws), aws, "primary-fn");
    const theirs = lambdaClient(aws, other.credentials);
    equal((await theirs.send(new ListFunctionsCommand({}))).Functions!.length, 0);
    const missing = await rejection(theirs.send(new GetFunctionCommand({ FunctionName: "primary-fn" })));
    equal(missing.name, "ResourceNotFoundException");
  });

  it("CreateFunction() puts the function in the caller's account when signed by an added account", async () => {
    const iam = iamClient(aws, other.credentials);
    const { Role: role } = await iam.send(
      new CreateRoleCommand({
        RoleName: "other-role",
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST),
      }),
    );
    equal(role!.Arn, "arn:aws:iam::111111111111:role/other-role");
    const created = await createTestFunction(lambdaClient(aws, other.credentials), aws, "other-fn", {
      Role: role!.Arn,
    });
    equal(created.FunctionArn, "arn:aws:lambda:us-east-1:111111111111:function:other-fn");
    // The primary account has neither the role nor the function.
    const noRole = await rejection(iamClient(aws).send(new GetRoleCommand({ RoleName: "other-role" })));
    ok(noRole instanceof IAMServiceException);
    equal(noRole.name, "NoSuchEntityException");
    const noFunction = await rejection(
      lambdaClient(aws).send(new GetFunctionCommand({ FunctionName: "other-fn" })),
    );
    equal(noFunction.name, "ResourceNotFoundException");
  });

  it("CreateFunction() refuses a role of another account when the role is not the caller's", async () => {
    const error = await rejection(
      createTestFunction(lambdaClient(aws, other.credentials), aws, "cross-fn", {
        Role: aws.ensureRole("primary-only-role"),
      }),
    );
    equal(error.name, "InvalidParameterValueException");
    equal(error.message, "The role defined for the function cannot be assumed by Lambda.");
  });
});
