/**
 * `initAccount`: sets an account up for the executor, idempotently — the staging bucket (in
 * the configured region, owned by the caller) with a lifecycle rule that expires the
 * executor's prefix after a day (the safety net for killed processes), and the execution role
 * with the trust policy for Lambda and `AWSLambdaBasicExecutionRole`. A dry run reads but
 * changes nothing, and lists every call it would make.
 *
 * @module
 */
import { Effect, Exit } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import type { AwsServices } from "../aws/aws_layer.ts";
import { AwsSession } from "../aws/aws_session.ts";
import { IamApi } from "../aws/iam_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import { SetupApi } from "../aws/setup_api.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import { awsFailureHint } from "./errors/aws_failure_hint.ts";
import { LAMBDA_TRUST_POLICY, trustsLambda } from "./lambda_trust.ts";
import { BASIC_EXECUTION_POLICY_ARN } from "./resolve_role.ts";
import { KEY_PREFIX } from "./run_ids.ts";

/** The ID of the executor's lifecycle rule. */
export const EXPIRY_RULE_ID = "covalent-awslambda-expiry";

/**
 * One step of `init`.
 *
 * @example
 * ```ts
 * import type { InitStep } from "@covalent/awslambda";
 * const line = (s: InitStep) => `${s.ok ? "✓" : "✗"} ${s.what}: ${s.outcome}`;
 * ```
 */
export interface InitStep {
  /** What the step is about (`bucket`, `lifecycle rule`, `role`, `role policy`). */
  readonly what: string;
  /** Whether it is as it should be now (or would be, in a dry run). */
  readonly ok: boolean;
  /** What was found or done: `exists`, `created …`, `would call …`, or the problem and its fix. */
  readonly outcome: string;
}

/**
 * Creates what is missing and reports every step; never fails (problems are failed steps).
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { awsLayer, initAccount, loadConfig } from "@covalent/awslambda";
 * const steps = loadConfig({}).pipe(
 *   Effect.flatMap((config) => initAccount(config, { dryRun: true }).pipe(Effect.provide(awsLayer(config)))),
 * );
 * ```
 */
export const initAccount: (
  config: ExecutorConfig,
  options: { readonly dryRun: boolean },
) => Effect.Effect<readonly InitStep[], never, AwsServices> = Effect.fn("initAccount")(
  function* (config: ExecutorConfig, options: { readonly dryRun: boolean }) {
    const steps: InitStep[] = [];
    const session = yield* AwsSession;
    const s3 = yield* S3Api;
    const setup = yield* SetupApi;
    const bucket = config.s3BucketName;
    const region = session.region;
    const would = (call: string) => `would call ${call}`;
    const failed = (what: string, error: AwsError, permission: string): InitStep => ({
      what,
      ok: false,
      outcome: `${error.message}. ${awsFailureHint(error, permission)}`,
    });

    // The bucket: exists and is ours, or is created; another account's name is a stop.
    const found = yield* s3.bucketRegion(bucket).pipe(Effect.exit);
    let bucketReady = false;
    if (Exit.isSuccess(found)) {
      bucketReady = found.value === region;
      steps.push(
        bucketReady ? { what: "bucket", ok: true, outcome: `s3://${bucket} exists in ${region}` } : {
          what: "bucket",
          ok: false,
          outcome:
            `s3://${bucket} is in ${found.value}, not ${region}: set region = "${found.value}" or choose ` +
            `another s3_bucket_name`,
        },
      );
    } else {
      const error = failure(found);
      if (error?.reason._tag === "NotFound") {
        const call = `s3:CreateBucket bucket=${bucket} region=${region}`;
        if (options.dryRun) {
          steps.push({ what: "bucket", ok: true, outcome: would(call) });
        } else {
          const created = yield* setup.createBucket(bucket, region).pipe(Effect.exit);
          if (Exit.isSuccess(created)) {
            bucketReady = true;
            steps.push({ what: "bucket", ok: true, outcome: `created s3://${bucket} in ${region}` });
          } else {
            const cause = failure(created);
            steps.push(
              cause?.reason._tag === "AlreadyExists"
                ? { what: "bucket", ok: false, outcome: takenMessage(bucket, session.accountId, region) }
                : failed("bucket", cause!, "s3:CreateBucket"),
            );
          }
        }
      } else if (error?.reason._tag === "AccessDenied") {
        steps.push({ what: "bucket", ok: false, outcome: takenMessage(bucket, session.accountId, region) });
      } else {
        steps.push(failed("bucket", error!, "s3:ListBucket"));
      }
    }

    // The lifecycle rule: the safety net for what killed processes leave under the prefix.
    const rule = { id: EXPIRY_RULE_ID, prefix: `${KEY_PREFIX}/`, days: 1 };
    const ruleCall =
      `s3:PutBucketLifecycleConfiguration bucket=${bucket} rule=${rule.id} prefix=${rule.prefix} ` +
      `expire-after=${rule.days}d (other rules kept)`;
    if (!bucketReady) {
      steps.push({
        what: "lifecycle rule",
        ok: options.dryRun && steps.at(-1)?.ok === true,
        outcome: options.dryRun && steps.at(-1)?.ok ? would(ruleCall) : "skipped: no bucket",
      });
    } else {
      const ids = yield* setup.lifecycleRuleIds(bucket, session.accountId).pipe(Effect.exit);
      if (Exit.isFailure(ids)) {
        steps.push(failed("lifecycle rule", failure(ids)!, "s3:GetLifecycleConfiguration"));
      } else if (ids.value.includes(rule.id)) {
        steps.push({ what: "lifecycle rule", ok: true, outcome: `${rule.id} exists` });
      } else if (options.dryRun) {
        steps.push({ what: "lifecycle rule", ok: true, outcome: would(ruleCall) });
      } else {
        const put = yield* setup.putExpiryRule(bucket, session.accountId, rule).pipe(Effect.exit);
        steps.push(
          Exit.isSuccess(put)
            ? {
              what: "lifecycle rule",
              ok: true,
              outcome: `set ${rule.id}: ${rule.prefix} expires after ${rule.days} day`,
            }
            : failed("lifecycle rule", failure(put)!, "s3:PutLifecycleConfiguration"),
        );
      }
    }

    // The execution role: exists and trusts Lambda, or is created with least privilege.
    const role = config.lambdaRoleName;
    if (role.startsWith("arn:")) {
      steps.push({ what: "role", ok: true, outcome: `${role} is given as an ARN: left as it is` });
      return steps;
    }
    const existing = yield* (yield* IamApi).getRole(role).pipe(Effect.exit);
    if (Exit.isSuccess(existing)) {
      steps.push(
        trustsLambda(existing.value.trustPolicy)
          ? { what: "role", ok: true, outcome: `${existing.value.arn} exists and Lambda may assume it` }
          : {
            what: "role",
            ok: false,
            outcome:
              `${role} exists but Lambda may not assume it: aws iam update-assume-role-policy --role-name ` +
              `${role} --policy-document '${LAMBDA_TRUST_POLICY}'`,
          },
      );
      return steps;
    }
    const lookup = failure(existing);
    if (lookup?.reason._tag !== "NotFound") {
      steps.push(failed("role", lookup!, "iam:GetRole"));
      return steps;
    }
    const createCall = `iam:CreateRole role=${role} trust=lambda.amazonaws.com`;
    const attachCall = `iam:AttachRolePolicy role=${role} policy=${BASIC_EXECUTION_POLICY_ARN}`;
    if (options.dryRun) {
      steps.push({ what: "role", ok: true, outcome: would(createCall) });
      steps.push({ what: "role policy", ok: true, outcome: would(attachCall) });
      return steps;
    }
    const created = yield* setup.createRole(role, LAMBDA_TRUST_POLICY, "Runs covalent-awslambda tasks").pipe(
      Effect.exit,
    );
    if (Exit.isFailure(created)) {
      steps.push(failed("role", failure(created)!, "iam:CreateRole"));
      return steps;
    }
    steps.push({ what: "role", ok: true, outcome: `created ${created.value}` });
    const attached = yield* setup.attachRolePolicy(role, BASIC_EXECUTION_POLICY_ARN).pipe(Effect.exit);
    steps.push(
      Exit.isSuccess(attached)
        ? { what: "role policy", ok: true, outcome: `attached AWSLambdaBasicExecutionRole` }
        : failed("role policy", failure(attached)!, "iam:AttachRolePolicy"),
    );
    return steps;
  },
);

function failure<A>(exit: Exit.Exit<A, AwsError>): AwsError | undefined {
  if (Exit.isSuccess(exit)) return undefined;
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail");
  return reason?._tag === "Fail" ? reason.error : undefined;
}

function takenMessage(bucket: string, accountId: string, region: string): string {
  return `the bucket name "${bucket}" belongs to another account (bucket names are global): set s3_bucket_name to ` +
    `a name of your own, e.g. "covalent-lambda-${accountId}-${region}", and run init again`;
}
