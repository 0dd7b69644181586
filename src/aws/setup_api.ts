/**
 * `SetupApi`: the calls that set an account up for the executor (`init`): create the staging
 * bucket and its lifecycle rule, create the execution role. Kept apart from the run path's
 * services, which never create buckets or roles.
 *
 * @module
 */
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  type IAMClientConfig,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  type LifecycleRule,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Context, Effect } from "effect";
import { awsCall } from "./aws_call.ts";
import type { AwsError } from "./aws_error.ts";

/**
 * A lifecycle rule as the executor sets it: expire objects under a prefix after some days.
 *
 * @example
 * ```ts
 * import type { ExpiryRule } from "@covalent/awslambda";
 * const rule: ExpiryRule = { id: "covalent-awslambda-expiry", prefix: "covalent-awslambda/", days: 1 };
 * ```
 */
export interface ExpiryRule {
  /** The rule's ID (replaced in place when it exists). */
  readonly id: string;
  /** The key prefix it covers. */
  readonly prefix: string;
  /** Days after which objects (and unfinished multipart uploads) are removed. */
  readonly days: number;
}

/**
 * The set-up calls.
 *
 * @example
 * ```ts
 * import { SetupApi } from "@covalent/awslambda";
 * const created = SetupApi.use((setup) => setup.createBucket("my-bucket", "eu-west-1"));
 * ```
 */
export interface SetupApi {
  /** Creates a bucket in a region (us-east-1 needs no location constraint). */
  createBucket(bucket: string, region: string): Effect.Effect<void, AwsError>;
  /** The IDs of the bucket's lifecycle rules (none when it has no configuration). */
  lifecycleRuleIds(bucket: string, expectedOwner: string): Effect.Effect<readonly string[], AwsError>;
  /** Adds (or replaces, by ID) an expiry rule, keeping the bucket's other rules. */
  putExpiryRule(bucket: string, expectedOwner: string, rule: ExpiryRule): Effect.Effect<void, AwsError>;
  /** Creates a role with a trust policy. */
  createRole(name: string, trustPolicy: string, description: string): Effect.Effect<string, AwsError>;
  /** Attaches a managed policy to a role. */
  attachRolePolicy(name: string, policyArn: string): Effect.Effect<void, AwsError>;
}

/**
 * The service key of `SetupApi`.
 *
 * @example
 * ```ts
 * import { SetupApi } from "@covalent/awslambda";
 * const ids = SetupApi.use((setup) => setup.lifecycleRuleIds("my-bucket", "123456789012"));
 * ```
 */
export const SetupApi: Context.Service<SetupApi, SetupApi> = Context.Service<SetupApi>(
  "@covalent/awslambda/SetupApi",
);

/**
 * Builds the set-up calls over new clients; `close()` releases their connections.
 *
 * @param s3Config The S3 client's configuration.
 * @param iamConfig The IAM client's configuration.
 * @returns The service and how to release it.
 */
export function makeSetupApi(
  s3Config: S3ClientConfig,
  iamConfig: IAMClientConfig,
): { readonly api: SetupApi; close(): void } {
  // Made on first use: only `init` needs them, and every executor builds this service.
  let clients: { readonly s3: S3Client; readonly iam: IAMClient } | undefined;
  const made = () => (clients ??= { s3: new S3Client(s3Config), iam: new IAMClient(iamConfig) });
  const rules = (bucket: string, ExpectedBucketOwner: string) =>
    awsCall(
      { service: "s3", operation: "GetBucketLifecycleConfiguration", resource: `s3://${bucket}` },
      (abortSignal) =>
        made().s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket, ExpectedBucketOwner }), {
          abortSignal,
        }),
    ).pipe(
      Effect.map((answer): LifecycleRule[] => answer.Rules ?? []),
      // No configuration yet: S3 answers NoSuchLifecycleConfiguration (404).
      Effect.catchIf(
        (error) => error.reason._tag === "NotFound",
        () => Effect.succeed([] as LifecycleRule[]),
      ),
    );
  const api: SetupApi = {
    createBucket: (bucket, region) =>
      awsCall(
        { service: "s3", operation: "CreateBucket", resource: `s3://${bucket}` },
        (abortSignal) =>
          made().s3.send(
            new CreateBucketCommand({
              Bucket: bucket,
              ...(region === "us-east-1" ? {} : {
                CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" },
              }),
            }),
            { abortSignal },
          ),
      ).pipe(Effect.asVoid),
    lifecycleRuleIds: (bucket, owner) =>
      rules(bucket, owner).pipe(Effect.map((all) => all.map((r) => r.ID ?? ""))),
    putExpiryRule: (bucket, owner, rule) =>
      rules(bucket, owner).pipe(
        Effect.flatMap((existing) =>
          awsCall(
            { service: "s3", operation: "PutBucketLifecycleConfiguration", resource: `s3://${bucket}` },
            (abortSignal) =>
              made().s3.send(
                new PutBucketLifecycleConfigurationCommand({
                  Bucket: bucket,
                  ExpectedBucketOwner: owner,
                  LifecycleConfiguration: {
                    // The whole configuration is replaced: keep the rules that are not ours.
                    Rules: [
                      ...existing.filter((r) => r.ID !== rule.id),
                      {
                        ID: rule.id,
                        Status: "Enabled",
                        Filter: { Prefix: rule.prefix },
                        Expiration: { Days: rule.days },
                        AbortIncompleteMultipartUpload: { DaysAfterInitiation: rule.days },
                      },
                    ],
                  },
                }),
                { abortSignal },
              ),
          )
        ),
        Effect.asVoid,
      ),
    createRole: (name, trustPolicy, description) =>
      awsCall(
        { service: "iam", operation: "CreateRole", resource: name },
        (abortSignal) =>
          made().iam.send(
            new CreateRoleCommand({
              RoleName: name,
              AssumeRolePolicyDocument: trustPolicy,
              Description: description,
            }),
            { abortSignal },
          ),
      ).pipe(Effect.map((answer) => answer.Role?.Arn ?? "")),
    attachRolePolicy: (name, policyArn) =>
      awsCall(
        { service: "iam", operation: "AttachRolePolicy", resource: name },
        (abortSignal) =>
          made().iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }), {
            abortSignal,
          }),
      ).pipe(Effect.asVoid),
  };
  return {
    api,
    close: () => {
      clients?.s3.destroy();
      clients?.iam.destroy();
    },
  };
}
