/**
 * A local AWS for one test file, with real SDK clients pointed at it and the buckets its
 * tests share already created.
 *
 * @module
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { type LocalAwsOptions, type LocalAwsServer, startLocalAws } from "../../local.ts";
import { iamClient, lambdaClient, s3Client } from "./aws_clients.ts";

/** Local AWS's own options, plus what the tests want ready before they run. */
export interface LocalAwsFixtureOptions extends LocalAwsOptions {
  /** Buckets to create, through the SDK's CreateBucket, before returning. */
  readonly buckets?: readonly string[];
  /**
   * How many attempts the S3 and Lambda clients make; 1 turns the SDK's retries off.
   * @default {the SDK's own}
   */
  readonly maxAttempts?: number;
}

/** A running local AWS and clients for it; stop it with `aws.close()`. */
export interface LocalAwsFixture {
  /** The server. */
  readonly aws: LocalAwsServer;
  /** A path-style S3 client. */
  readonly s3: S3Client;
  /** A Lambda client. */
  readonly lambda: LambdaClient;
  /** An IAM client. */
  readonly iam: IAMClient;
}

/**
 * Starts a local AWS, makes clients for it and creates the buckets asked for.
 *
 * @example In a describe block
 * ```ts
 * const bucket = uniqueBucket("objects");
 * let aws: LocalAwsServer;
 * let s3: S3Client;
 * before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
 * after(() => aws.close());
 * ```
 *
 * @param options Local AWS options, buckets to create and the clients' attempts.
 * @returns The server and its clients.
 */
export async function startLocalAwsFixture(options: LocalAwsFixtureOptions = {}): Promise<LocalAwsFixture> {
  const { buckets = [], maxAttempts, ...localOptions } = options;
  const aws = await startLocalAws(localOptions);
  const s3 = s3Client(aws, undefined, maxAttempts);
  try {
    for (const bucket of buckets) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    await aws.close();
    throw error;
  }
  return { aws, s3, lambda: lambdaClient(aws, undefined, maxAttempts), iam: iamClient(aws) };
}
