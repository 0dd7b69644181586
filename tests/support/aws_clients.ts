/**
 * Real, unmodified AWS SDK clients pointed at a local AWS, for tests.
 *
 * @module
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import type { LocalAws } from "../../local.ts";

/** Keys to sign with; defaults to the ones local AWS accepts. */
export interface ClientKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

function base(aws: LocalAws, keys?: ClientKeys) {
  return { endpoint: aws.endpoint, region: aws.region, credentials: keys ?? aws.credentials };
}

/** An S3 client (path-style) for local AWS. */
export function s3Client(aws: LocalAws, keys?: ClientKeys, maxAttempts?: number): S3Client {
  return new S3Client({ ...base(aws, keys), forcePathStyle: true, maxAttempts });
}

/** A Lambda client for local AWS. */
export function lambdaClient(aws: LocalAws, keys?: ClientKeys, maxAttempts?: number): LambdaClient {
  return new LambdaClient({ ...base(aws, keys), maxAttempts });
}

/** An IAM client for local AWS. */
export function iamClient(aws: LocalAws, keys?: ClientKeys): IAMClient {
  return new IAMClient(base(aws, keys));
}

/** An STS client for local AWS. */
export function stsClient(aws: LocalAws, keys?: ClientKeys): STSClient {
  return new STSClient(base(aws, keys));
}

/** Resolves to the error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** The HTTP status an SDK error carries (from its `$metadata`). */
export function statusOf(error: Record<string, unknown>): number | undefined {
  return (error.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
}
