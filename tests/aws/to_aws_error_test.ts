import { CreateRoleCommand, GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { after, afterEach, before, describe, test } from "node:test";
import { type FaultRule, type LocalAwsServer, startLocalAws } from "../../local.ts";
import type { AwsErrorReason } from "../../src/aws/aws_error.ts";
import { type AwsCallSite, toAwsError } from "../../src/aws/to_aws_error.ts";
import { rejection } from "../support/aws_clients.ts";
import { moduleZip } from "../support/lambda_functions.ts";

const BUCKET = "to-aws-error-bucket";
const EU_BUCKET = "to-aws-error-eu-bucket";
const EC2_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";

/** Keys to sign with, with a session token for temporary ones. */
interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Real SDK clients for one endpoint and key; `maxAttempts` 1 unless asked (no SDK retries). */
function clientsFor(endpoint: string, region: string, credentials: Keys, maxAttempts = 1) {
  const base = { endpoint, region, credentials, maxAttempts };
  return {
    s3: new S3Client({ ...base, forcePathStyle: true }),
    lambda: new LambdaClient(base),
    iam: new IAMClient(base),
    sts: new STSClient(base),
  };
}

type Clients = ReturnType<typeof clientsFor>;

/** One situation: how to make the SDK throw, and what `toAwsError` must make of it. */
interface Row {
  readonly situation: string;
  readonly site: AwsCallSite;
  /** A fault put in place first, and removed after. */
  readonly fault?: FaultRule;
  readonly provoke: () => Promise<unknown>;
  readonly reason: AwsErrorReason;
  readonly code: string;
  readonly status: number | undefined;
  readonly attempts?: number;
}

/** An address on 127.0.0.1 that refuses connections: a port that was opened and closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that resets every connection as soon as a request arrives. */
async function resettingServer(): Promise<Server> {
  const server = createServer((socket) => socket.on("data", () => socket.resetAndDestroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** Waits until a condition holds, checking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("toAwsError() on real SDK errors from local AWS", () => {
  let aws: LocalAwsServer;
  let main: Clients;
  let retrying: Clients;
  let europe: Clients;
  let wrongSecret: Clients;
  let unknownKey: Clients;
  let expired: Clients;
  let refused: Clients;
  let refusedRetrying: Clients;
  let unresolved: Clients;
  let reset: Clients;
  let resetServer: Server;
  let impatient: S3Client;
  let roleArn: string;
  let untrustedRoleArn: string;
  const zip = moduleZip("export const handler = async () => 1;\n");
  const createFunction = (name: string, role = roleArn) =>
    main.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: role,
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Code: { ZipFile: zip },
      }),
    );
  const s3Site = (operation: string, key?: string): AwsCallSite => ({
    service: "s3",
    operation,
    resource: key === undefined ? `s3://${BUCKET}` : `s3://${BUCKET}/${key}`,
  });
  const lambdaSite = (operation: string, resource = "fn"): AwsCallSite => ({
    service: "lambda",
    operation,
    resource,
  });
  const getObject = (client = main.s3, key = "absent.json", bucket = BUCKET) =>
    client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const putObject = () =>
    main.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "task.json", Body: "{}" }));
  const getFunction = (client = main.lambda, name = "absent-fn") =>
    client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const invoke = (name = "absent-fn") => main.lambda.send(new InvokeCommand({ FunctionName: name }));
  const s3Fault = (method: string, status: number, code: string, message?: string): FaultRule => ({
    service: "s3",
    method,
    error: { status, code, message },
  });
  const lambdaFault = (status: number, code: string, message?: string): FaultRule => ({
    service: "lambda",
    error: { status, code, message },
  });

  before(async () => {
    // Functions stay Pending long enough for the "busy" rows.
    aws = await startLocalAws({ pendingMs: 60_000 });
    await aws.ensureBucket(BUCKET);
    await aws.ensureBucket(EU_BUCKET, { region: "eu-west-1" });
    roleArn = aws.ensureRole("to-aws-error-role");
    main = clientsFor(aws.endpoint, aws.region, aws.credentials);
    retrying = clientsFor(aws.endpoint, aws.region, aws.credentials, 3);
    europe = clientsFor(aws.endpoint, "eu-west-1", aws.credentials);
    wrongSecret = clientsFor(aws.endpoint, aws.region, {
      accessKeyId: aws.credentials.accessKeyId,
      secretAccessKey: "wrong",
    });
    unknownKey = clientsFor(aws.endpoint, aws.region, {
      accessKeyId: "AKIAUNKNOWNKEY000000",
      secretAccessKey: aws.credentials.secretAccessKey,
    });
    const session = aws.issueSessionCredentials({ durationSeconds: 0.001 });
    await until(() => Date.now() > session.expiration.getTime());
    expired = clientsFor(aws.endpoint, aws.region, session);
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    refused = clientsFor(nobody, aws.region, aws.credentials);
    refusedRetrying = clientsFor(nobody, aws.region, aws.credentials, 3);
    unresolved = clientsFor("http://no-such-host.invalid", aws.region, aws.credentials);
    resetServer = await resettingServer();
    const { port } = resetServer.address() as { port: number };
    reset = clientsFor(`http://127.0.0.1:${port}`, aws.region, aws.credentials);
    impatient = new S3Client({
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      forcePathStyle: true,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    const { Role } = await main.iam.send(
      new CreateRoleCommand({
        RoleName: "ec2-only-role",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
          }],
        }),
      }),
    );
    untrustedRoleArn = Role!.Arn!;
    await createFunction("pending-fn");
  });
  afterEach(() => aws.faults.clear());
  after(async () => {
    for (
      const clients of [
        main,
        retrying,
        wrongSecret,
        unknownKey,
        expired,
        refused,
        refusedRetrying,
        unresolved,
        reset,
      ]
    ) {
      for (const client of Object.values(clients)) client.destroy();
    }
    impatient.destroy();
    await new Promise((resolve) => resetServer.close(resolve));
    await aws.close();
  });

  const rows: readonly Row[] = [
    // Missing things, from real requests.
    {
      situation: "S3 GetObject of a missing bucket (NoSuchBucket)",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(main.s3, "absent.json", "no-such-bucket-here"),
      reason: { _tag: "NotFound" },
      code: "NoSuchBucket",
      status: 404,
    },
    {
      situation: "S3 GetObject of a missing key (NoSuchKey)",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(),
      reason: { _tag: "NotFound" },
      code: "NoSuchKey",
      status: 404,
    },
    {
      situation: "S3 HeadObject of a missing key (404 with an empty body)",
      site: s3Site("HeadObject", "outcome.json"),
      provoke: () => main.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "outcome.json" })),
      reason: { _tag: "NotFound" },
      code: "NotFound",
      status: 404,
    },
    {
      situation: "S3 HeadBucket of a missing bucket (404 with an empty body)",
      site: s3Site("HeadBucket"),
      provoke: () => main.s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket-here" })),
      reason: { _tag: "NotFound" },
      code: "NotFound",
      status: 404,
    },
    {
      situation: "Lambda GetFunctionConfiguration of a missing function",
      site: lambdaSite("GetFunctionConfiguration", "absent-fn"),
      provoke: () => getFunction(),
      reason: { _tag: "NotFound" },
      code: "ResourceNotFoundException",
      status: 404,
    },
    {
      situation: "IAM GetRole of a missing role (NoSuchEntityException)",
      site: { service: "iam", operation: "GetRole", resource: "NoSuchRole" },
      provoke: () => main.iam.send(new GetRoleCommand({ RoleName: "NoSuchRole" })),
      reason: { _tag: "NotFound" },
      code: "NoSuchEntityException",
      status: 404,
    },
    // Things that exist already, or are busy.
    {
      situation: "S3 CreateBucket of a bucket the caller owns (outside us-east-1)",
      site: { service: "s3", operation: "CreateBucket", resource: `s3://${EU_BUCKET}` },
      provoke: () =>
        europe.s3.send(
          new CreateBucketCommand({
            Bucket: EU_BUCKET,
            CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
          }),
        ),
      reason: { _tag: "AlreadyExists" },
      code: "BucketAlreadyOwnedByYou",
      status: 409,
    },
    {
      situation: "IAM CreateRole of a role that exists (EntityAlreadyExistsException)",
      site: { service: "iam", operation: "CreateRole", resource: "ec2-only-role" },
      provoke: () =>
        main.iam.send(
          new CreateRoleCommand({ RoleName: "ec2-only-role", AssumeRolePolicyDocument: EC2_TRUST }),
        ),
      reason: { _tag: "AlreadyExists" },
      code: "EntityAlreadyExistsException",
      status: 409,
    },
    {
      situation: 'Lambda CreateFunction of a function that exists (409 "Function already exist")',
      site: lambdaSite("CreateFunction", "pending-fn"),
      provoke: () => createFunction("pending-fn"),
      reason: { _tag: "AlreadyExists" },
      code: "ResourceConflictException",
      status: 409,
    },
    {
      situation: "Lambda Invoke of a function still Pending (409 ResourceConflictException)",
      site: lambdaSite("Invoke", "pending-fn"),
      provoke: () => invoke("pending-fn"),
      reason: { _tag: "Conflict" },
      code: "ResourceConflictException",
      status: 409,
    },
    {
      situation: "Lambda UpdateFunctionConfiguration of a function still Pending",
      site: lambdaSite("UpdateFunctionConfiguration", "pending-fn"),
      provoke: () =>
        main.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "pending-fn", Timeout: 9 })),
      reason: { _tag: "Conflict" },
      code: "ResourceConflictException",
      status: 409,
    },
    {
      situation: 'an injected 409 "Function already exist: x"',
      site: lambdaSite("CreateFunction", "x"),
      fault: lambdaFault(409, "ResourceConflictException", "Function already exist: x"),
      provoke: () => invoke(),
      reason: { _tag: "AlreadyExists" },
      code: "ResourceConflictException",
      status: 409,
    },
    {
      situation: 'an injected 409 "…currently in the following state: Pending"',
      site: lambdaSite("Invoke"),
      fault: lambdaFault(
        409,
        "ResourceConflictException",
        "The operation cannot be performed at this time. The function is currently in the following state: Pending",
      ),
      provoke: () => invoke(),
      reason: { _tag: "Conflict" },
      code: "ResourceConflictException",
      status: 409,
    },
    {
      situation: "an injected 502 ResourceNotReadyException",
      site: lambdaSite("Invoke"),
      fault: lambdaFault(502, "ResourceNotReadyException", "Functions are being initialized"),
      provoke: () => invoke(),
      reason: { _tag: "NotReady" },
      code: "ResourceNotReadyException",
      status: 502,
    },
    // Roles and parameters.
    {
      situation: "Lambda CreateFunction with a role that trusts only EC2",
      site: lambdaSite("CreateFunction", "untrusted-fn"),
      provoke: () => createFunction("untrusted-fn", untrustedRoleArn),
      reason: { _tag: "RoleNotAssumable" },
      code: "InvalidParameterValueException",
      status: 400,
    },
    {
      situation: "an injected 400 InvalidParameterValueException saying the role cannot be assumed",
      site: lambdaSite("CreateFunction"),
      fault: lambdaFault(400, "InvalidParameterValueException", CANNOT_ASSUME),
      provoke: () => invoke(),
      reason: { _tag: "RoleNotAssumable" },
      code: "InvalidParameterValueException",
      status: 400,
    },
    {
      situation: "Lambda CreateFunction with a runtime that does not exist",
      site: lambdaSite("CreateFunction", "bad-runtime-fn"),
      provoke: () =>
        main.lambda.send(
          new CreateFunctionCommand({
            FunctionName: "bad-runtime-fn",
            Role: roleArn,
            // deno-lint-ignore no-explicit-any
            Runtime: "cobol85.x" as any,
            Handler: "index.handler",
            Code: { ZipFile: zip },
          }),
        ),
      reason: { _tag: "InvalidParameter" },
      code: "InvalidParameterValueException",
      status: 400,
    },
    {
      situation: "an injected 400 with a code no table knows",
      site: s3Site("PutObject", "task.json"),
      fault: s3Fault("PUT", 400, "BrandNewProblem"),
      provoke: () => putObject(),
      reason: { _tag: "InvalidParameter" },
      code: "BrandNewProblem",
      status: 400,
    },
    {
      situation: "an injected 413 RequestEntityTooLargeException",
      site: lambdaSite("Invoke"),
      fault: lambdaFault(413, "RequestEntityTooLargeException", "Request must be smaller than 6291456 bytes"),
      provoke: () => invoke(),
      reason: { _tag: "TooLarge" },
      code: "RequestEntityTooLargeException",
      status: 413,
    },
    // Permissions and credentials.
    {
      situation: "an injected 403 AccessDenied on an S3 upload",
      site: s3Site("PutObject", "task.json"),
      fault: s3Fault("PUT", 403, "AccessDenied", "Access Denied"),
      provoke: () => putObject(),
      reason: { _tag: "AccessDenied" },
      code: "AccessDenied",
      status: 403,
    },
    {
      situation: "an injected 403 AccessDeniedException from Lambda",
      site: lambdaSite("Invoke"),
      fault: lambdaFault(403, "AccessDeniedException", "not authorized to perform: lambda:InvokeFunction"),
      provoke: () => invoke(),
      reason: { _tag: "AccessDenied" },
      code: "AccessDeniedException",
      status: 403,
    },
    {
      situation: "an injected 403 AccessDenied from IAM",
      site: { service: "iam", operation: "GetRole", resource: "r" },
      fault: { service: "iam", error: { status: 403, code: "AccessDenied" } },
      provoke: () => main.iam.send(new GetRoleCommand({ RoleName: "r" })),
      reason: { _tag: "AccessDenied" },
      code: "AccessDenied",
      status: 403,
    },
    {
      situation: "S3 HeadObject answered 403 (an empty body)",
      site: s3Site("HeadObject", "outcome.json"),
      fault: s3Fault("HEAD", 403, "AccessDenied"),
      provoke: () => main.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "outcome.json" })),
      reason: { _tag: "AccessDenied" },
      code: "HTTP 403",
      status: 403,
    },
    {
      situation: "S3 HeadBucket naming another account as the expected owner (403, an empty body)",
      site: s3Site("HeadBucket"),
      provoke: () =>
        main.s3.send(new HeadBucketCommand({ Bucket: BUCKET, ExpectedBucketOwner: "999999999999" })),
      reason: { _tag: "AccessDenied" },
      code: "HTTP 403",
      status: 403,
    },
    {
      situation: "an S3 request signed with the wrong secret (SignatureDoesNotMatch)",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(wrongSecret.s3),
      reason: { _tag: "InvalidCredentials" },
      code: "SignatureDoesNotMatch",
      status: 403,
    },
    {
      situation: "an S3 request with an unknown key id (InvalidAccessKeyId)",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(unknownKey.s3),
      reason: { _tag: "InvalidCredentials" },
      code: "InvalidAccessKeyId",
      status: 403,
    },
    {
      situation: "a Lambda request signed with the wrong secret (InvalidSignatureException)",
      site: lambdaSite("GetFunctionConfiguration", "absent-fn"),
      provoke: () => getFunction(wrongSecret.lambda),
      reason: { _tag: "InvalidCredentials" },
      code: "InvalidSignatureException",
      status: 403,
    },
    {
      situation: "a Lambda request with an unknown key id (UnrecognizedClientException)",
      site: lambdaSite("GetFunctionConfiguration", "absent-fn"),
      provoke: () => getFunction(unknownKey.lambda),
      reason: { _tag: "InvalidCredentials" },
      code: "UnrecognizedClientException",
      status: 403,
    },
    {
      situation: "STS GetCallerIdentity with an unknown key id (InvalidClientTokenId)",
      site: { service: "sts", operation: "GetCallerIdentity" },
      provoke: () => unknownKey.sts.send(new GetCallerIdentityCommand({})),
      reason: { _tag: "InvalidCredentials" },
      code: "InvalidClientTokenId",
      status: 403,
    },
    {
      situation: "an S3 request with an expired session token (400 ExpiredToken)",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(expired.s3),
      reason: { _tag: "ExpiredCredentials" },
      code: "ExpiredToken",
      status: 400,
    },
    {
      situation: "a Lambda request with an expired session token (ExpiredTokenException)",
      site: lambdaSite("GetFunctionConfiguration", "absent-fn"),
      provoke: () => getFunction(expired.lambda),
      reason: { _tag: "ExpiredCredentials" },
      code: "ExpiredTokenException",
      status: 403,
    },
    {
      situation: "STS GetCallerIdentity with an expired session token (ExpiredToken)",
      site: { service: "sts", operation: "GetCallerIdentity" },
      provoke: () => expired.sts.send(new GetCallerIdentityCommand({})),
      reason: { _tag: "ExpiredCredentials" },
      code: "ExpiredToken",
      status: 403,
    },
    {
      situation: "an injected 403 ExpiredToken from IAM",
      site: { service: "iam", operation: "GetRole", resource: "r" },
      fault: { service: "iam", error: { status: 403, code: "ExpiredToken" } },
      provoke: () => main.iam.send(new GetRoleCommand({ RoleName: "r" })),
      reason: { _tag: "ExpiredCredentials" },
      code: "ExpiredToken",
      status: 403,
    },
    // Regions.
    {
      situation: "S3 GetObject from a bucket in another region (301 PermanentRedirect)",
      site: { service: "s3", operation: "GetObject", resource: `s3://${EU_BUCKET}/k` },
      provoke: () => getObject(main.s3, "k", EU_BUCKET),
      reason: { _tag: "WrongRegion", bucketRegion: "eu-west-1" },
      code: "PermanentRedirect",
      status: 301,
    },
    {
      situation: "S3 HeadBucket of a bucket in another region (301 with an empty body)",
      site: { service: "s3", operation: "HeadBucket", resource: `s3://${EU_BUCKET}` },
      provoke: () => main.s3.send(new HeadBucketCommand({ Bucket: EU_BUCKET })),
      reason: { _tag: "WrongRegion", bucketRegion: "eu-west-1" },
      code: "HTTP 301",
      status: 301,
    },
    {
      situation: "an injected 301 PermanentRedirect with x-amz-bucket-region",
      site: s3Site("GetObject", "absent.json"),
      fault: {
        service: "s3",
        method: "GET",
        response: {
          status: 301,
          headers: { "content-type": "application/xml", "x-amz-bucket-region": "ap-southeast-2" },
          body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PermanentRedirect</Code>' +
            "<Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message>" +
            `<Bucket>${BUCKET}</Bucket></Error>`,
        },
      },
      provoke: () => getObject(),
      reason: { _tag: "WrongRegion", bucketRegion: "ap-southeast-2" },
      code: "PermanentRedirect",
      status: 301,
    },
    {
      situation:
        "S3 HeadBucket answered 400 with x-amz-bucket-region (a regional endpoint of another region)",
      site: s3Site("HeadBucket"),
      fault: {
        service: "s3",
        method: "HEAD",
        response: { status: 400, headers: { "x-amz-bucket-region": "eu-central-1" } },
      },
      provoke: () => main.s3.send(new HeadBucketCommand({ Bucket: BUCKET })),
      reason: { _tag: "WrongRegion", bucketRegion: "eu-central-1" },
      code: "HTTP 400",
      status: 400,
    },
    // Throttling and failures of AWS itself.
    {
      situation: "an injected 429 TooManyRequestsException with Retry-After and a Reason",
      site: lambdaSite("Invoke"),
      fault: {
        service: "lambda",
        times: 1,
        response: {
          status: 429,
          headers: {
            "content-type": "application/json",
            "x-amzn-errortype": "TooManyRequestsException",
            "retry-after": "7",
          },
          body: JSON.stringify({
            Type: "User",
            message: "Rate Exceeded.",
            Reason: "ConcurrentInvocationLimitExceeded",
          }),
        },
      },
      provoke: () => invoke(),
      reason: { _tag: "Throttled", retryAfterMs: 7000, limit: "ConcurrentInvocationLimitExceeded" },
      code: "TooManyRequestsException",
      status: 429,
    },
    {
      situation: "an injected 429 TooManyRequestsException without Retry-After",
      site: lambdaSite("Invoke"),
      fault: lambdaFault(429, "TooManyRequestsException", "Rate Exceeded."),
      provoke: () => invoke(),
      reason: { _tag: "Throttled", retryAfterMs: undefined, limit: undefined },
      code: "TooManyRequestsException",
      status: 429,
    },
    {
      situation: "an injected 503 SlowDown from S3",
      site: s3Site("PutObject", "task.json"),
      fault: s3Fault("PUT", 503, "SlowDown", "Please reduce your request rate."),
      provoke: () => putObject(),
      reason: { _tag: "Throttled", retryAfterMs: undefined, limit: undefined },
      code: "SlowDown",
      status: 503,
    },
    {
      situation: "an injected 400 Throttling from STS",
      site: { service: "sts", operation: "GetCallerIdentity" },
      fault: { service: "sts", error: { status: 400, code: "Throttling", message: "Rate exceeded" } },
      provoke: () => main.sts.send(new GetCallerIdentityCommand({})),
      reason: { _tag: "Throttled", retryAfterMs: undefined, limit: undefined },
      code: "Throttling",
      status: 400,
    },
    {
      situation: "an injected 500 InternalError from S3",
      site: s3Site("GetObject", "absent.json"),
      fault: s3Fault("GET", 500, "InternalError"),
      provoke: () => getObject(),
      reason: { _tag: "ServiceFailure" },
      code: "InternalError",
      status: 500,
    },
    {
      situation: "an injected 500 InternalError that the SDK retried twice",
      site: s3Site("GetObject", "absent.json"),
      fault: s3Fault("GET", 500, "InternalError"),
      provoke: () => getObject(retrying.s3),
      reason: { _tag: "ServiceFailure" },
      code: "InternalError",
      status: 500,
      attempts: 3,
    },
    {
      situation: "an injected 500 ServiceException from Lambda",
      site: lambdaSite("Invoke"),
      fault: lambdaFault(500, "ServiceException"),
      provoke: () => invoke(),
      reason: { _tag: "ServiceFailure" },
      code: "ServiceException",
      status: 500,
    },
    {
      situation: "a 200 answer that is not XML",
      site: s3Site("ListObjectsV2"),
      fault: {
        service: "s3",
        method: "GET",
        response: { status: 200, headers: { "content-type": "application/xml" }, body: "<<not xml" },
      },
      provoke: () => main.s3.send(new ListObjectsV2Command({ Bucket: BUCKET })),
      reason: { _tag: "Unknown" },
      code: "HTTP 200",
      status: 200,
    },
    // No answer at all.
    {
      situation: "an endpoint that refuses connections",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(refused.s3),
      reason: { _tag: "Transport", kind: "refused" },
      code: "ECONNREFUSED",
      status: undefined,
    },
    {
      situation: "an endpoint that refuses connections, after the SDK's three attempts",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(refusedRetrying.s3),
      reason: { _tag: "Transport", kind: "refused" },
      code: "ECONNREFUSED",
      status: undefined,
      attempts: 3,
    },
    {
      situation: "an endpoint whose host name does not resolve",
      site: lambdaSite("GetFunctionConfiguration", "absent-fn"),
      provoke: () => getFunction(unresolved.lambda),
      reason: { _tag: "Transport", kind: "unresolved" },
      code: "ENOTFOUND",
      status: undefined,
    },
    {
      situation: "a connection reset by the server",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => getObject(reset.s3),
      reason: { _tag: "Transport", kind: "reset" },
      code: "ECONNRESET",
      status: undefined,
    },
    {
      situation: "a request that outlives the client's requestTimeout",
      site: s3Site("GetObject", "absent.json"),
      provoke: () => (aws.faults.add({ service: "s3", method: "GET", delayMs: 2_000 }), getObject(impatient)),
      reason: { _tag: "Transport", kind: "timeout" },
      code: "ETIMEDOUT",
      status: undefined,
    },
  ];

  for (const row of rows) {
    test(`toAwsError() maps ${row.situation} to ${row.reason._tag}`, async () => {
      if (row.fault !== undefined) aws.faults.add(row.fault);
      const thrown = await rejection(row.provoke());
      const error = toAwsError(row.site, thrown);
      deepEqual(
        { reason: error.reason, code: error.code, status: error.status, attempts: error.attempts },
        { reason: row.reason, code: row.code, status: row.status, attempts: row.attempts ?? 1 },
        `${thrown.name}: ${thrown.message}`,
      );
      deepEqual(
        { service: error.service, operation: error.operation, resource: error.resource },
        { service: row.site.service, operation: row.site.operation, resource: row.site.resource },
      );
      equal(Object.getPrototypeOf(error.cause), Error.prototype, "the cause is a plain Error, not the SDK's");
      equal(error.cause.name, error.code);
      ok(
        !Reflect.ownKeys(error).includes("$response") && !Reflect.ownKeys(error.cause).includes("$response"),
      );
    });
  }
});
