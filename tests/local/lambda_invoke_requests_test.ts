// Invoke requests that Lambda answers without running the function: refusals and DryRun.
import {
  InvalidRequestContentException,
  InvokeCommand,
  type LambdaClient,
  LambdaServiceException,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createActiveFunction } from "../support/lambda_functions.ts";

describe("Lambda Invoke requests refused or answered before running", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => {
    // One attempt: the SDK would otherwise retry a 429 twice, a second apart.
    ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 20, maxAttempts: 1 }));
    await createActiveFunction(lambda, aws, "target-fn");
  });
  after(() => aws.close());

  test("Invoke() of a missing function answers ResourceNotFoundException naming $LATEST", async () => {
    const error = await rejection(lambda.send(new InvokeCommand({ FunctionName: "ghost-fn" })));
    ok(error instanceof ResourceNotFoundException);
    equal(
      error.message,
      `Function not found: arn:aws:lambda:${aws.region}:000000000000:function:ghost-fn:$LATEST`,
    );
    const version = await rejection(
      lambda.send(new InvokeCommand({ FunctionName: "target-fn", Qualifier: "3" })),
    );
    ok(version instanceof ResourceNotFoundException);
  });

  test("Invoke() with InvocationType DryRun answers 204 without a payload", async () => {
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: "target-fn", InvocationType: "DryRun" }),
    );
    equal(output.StatusCode, 204);
    equal(output.FunctionError, undefined);
  });

  test("Invoke() refuses a payload that is not JSON with InvalidRequestContentException", async () => {
    const error = await rejection(
      lambda.send(
        new InvokeCommand({ FunctionName: "target-fn", Payload: new TextEncoder().encode("{oops") }),
      ),
    );
    ok(error instanceof InvalidRequestContentException);
    ok(error.message.startsWith("Could not parse request body into json: Could not parse payload into json"));
    equal(statusOf(error), 400);
  });

  test("Invoke() refuses a synchronous payload over 6291456 bytes with 413", async () => {
    const payload = new TextEncoder().encode(JSON.stringify("x".repeat(6_291_456)));
    const error = await rejection(
      lambda.send(new InvokeCommand({ FunctionName: "target-fn", Payload: payload })),
    );
    ok(error instanceof LambdaServiceException);
    equal(error.name, "RequestEntityTooLargeException");
    equal(error.message, "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    equal(statusOf(error), 413);
  });

  test("Invoke() refuses an Event payload over 1 MB with 413", async () => {
    const payload = new TextEncoder().encode(JSON.stringify("x".repeat(1_048_576)));
    const error = await rejection(
      lambda.send(
        new InvokeCommand({ FunctionName: "target-fn", InvocationType: "Event", Payload: payload }),
      ),
    );
    equal(error.name, "RequestEntityTooLargeException");
    equal(
      error.message,
      `${payload.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`,
    );
  });

  test("Invoke() of a function with reserved concurrency 0 is throttled with 429 and Retry-After", async () => {
    await createActiveFunction(lambda, aws, "blocked-fn");
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: "blocked-fn", ReservedConcurrentExecutions: 0 }),
    );
    const error = await rejection(lambda.send(new InvokeCommand({ FunctionName: "blocked-fn" })));
    ok(error instanceof TooManyRequestsException);
    equal(error.message, "Rate Exceeded.");
    equal(error.Reason, "ReservedFunctionConcurrentInvocationLimitExceeded");
    equal(error.Type, "User");
    equal(error.retryAfterSeconds, "1");
    equal(statusOf(error), 429);
  });
});
