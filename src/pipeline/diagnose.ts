/**
 * `diagnose`: checks, one by one, everything a run needs — credentials, region, the bucket
 * (exists, is the caller's, is in the region, is writable), the execution role, Lambda, and a
 * round-trip task — and says for each what is wrong and the one thing to do.
 *
 * @module
 */
import { Effect, Exit, Layer } from "effect";
import { randomUUID } from "node:crypto";
import type { AwsError } from "../aws/aws_error.ts";
import { awsLayer, type AwsServices } from "../aws/aws_layer.ts";
import { AwsSession } from "../aws/aws_session.ts";
import { IamApi } from "../aws/iam_api.ts";
import { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import { describeSource } from "../config/config_source.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import { AWSLambdaExecutor } from "./aws_lambda_executor.ts";
import type { BucketAccessDenied, BucketNotFound, BucketRegionMismatch } from "./errors/bucket_errors.ts";
import { checkBucket as checkStagingBucket } from "./executor_checks.ts";
import { RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";
import { awsFailureHint } from "./errors/aws_failure_hint.ts";
import { LAMBDA_TRUST_POLICY, trustsLambda } from "./lambda_trust.ts";
import { createRoleCommands } from "./resolve_role.ts";
import { KEY_PREFIX } from "./run_ids.ts";

/**
 * The result of one check.
 *
 * @example
 * ```ts
 * import type { Check } from "@covalent/awslambda";
 * const line = (c: Check) => `${c.ok ? "✓" : "✗"} ${c.name}: ${c.detail}${c.fix ? `\n  fix: ${c.fix}` : ""}`;
 * ```
 */
export interface Check {
  /** What was checked. */
  readonly name: string;
  /** Whether it is fine. */
  readonly ok: boolean;
  /** What was found. */
  readonly detail: string;
  /** What to do, when it is not fine. */
  readonly fix?: string;
}

const pass = (name: string, detail: string): Check => ({ name, ok: true, detail });
const fail = (name: string, detail: string, fix: string): Check => ({ name, ok: false, detail, fix });

/**
 * Runs every check against a configuration. Checks that depend on a failed one are reported
 * as skipped (not ok). Never fails.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { diagnose, loadConfig } from "@covalent/awslambda";
 * const checks = await Effect.runPromise(loadConfig({}).pipe(Effect.flatMap(diagnose)));
 * ```
 */
export const diagnose: (config: ExecutorConfig) => Effect.Effect<readonly Check[]> = Effect.fn("diagnose")(
  function* (config: ExecutorConfig) {
    const checks: Check[] = [];
    const region = config.sources.region;
    const regionCheck = pass(
      "region",
      `${config.region} (from ${region ? describeSource(region) : "the default"})`,
    );
    return yield* Effect.scoped(Effect.gen(function* () {
      const built = yield* Layer.build(awsLayer(config)).pipe(Effect.exit);
      if (Exit.isFailure(built)) {
        const error = built.cause.reasons.find((r) => r._tag === "Fail");
        const message = error?._tag === "Fail" ? (error.error as Error).message : String(built.cause);
        return [
          fail(
            "credentials",
            message,
            "Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure` / `aws sso login`.",
          ),
          regionCheck,
          ...["bucket", "role", "lambda", "round trip"].map(skipped),
        ];
      }
      return yield* Effect.gen(function* () {
        const session = yield* AwsSession;
        checks.push(
          pass(
            "credentials",
            `account ${session.accountId} as ${session.callerArn} (${session.credentialsOrigin})`,
          ),
        );
        checks.push(regionCheck);
        checks.push(...(yield* checkBucket(config, session.accountId, session.region)));
        checks.push(yield* checkRole(config));
        checks.push(yield* checkLambda());
        checks.push(checks.every((c) => c.ok) ? yield* roundTrip(config) : skipped("round trip"));
        return checks;
      }).pipe(Effect.provideContext(built.value));
    }));
  },
);

/** A typed bucket error's first line is the finding and the rest the fix; an AWS error gets its hint. */
function bucketFailure(
  error: AwsError | BucketNotFound | BucketAccessDenied | BucketRegionMismatch | undefined,
): Check {
  if (error === undefined) return fail("bucket", "HeadBucket failed", "Check the bucket.");
  if (error._tag === "AwsError") return fail("bucket", error.message, awsFailureHint(error, "s3:ListBucket"));
  const [detail, ...fix] = error.message.split("\n");
  return fail("bucket", detail, fix.join(" ").trim());
}

function skipped(name: string): Check {
  return { name, ok: false, detail: "skipped: an earlier check failed" };
}

function checkBucket(
  config: ExecutorConfig,
  accountId: string,
  region: string,
): Effect.Effect<Check[], never, AwsServices> {
  return Effect.gen(function* () {
    const s3 = yield* S3Api;
    const bucket = config.s3BucketName;
    // The executor's own check, so doctor and a run refuse a bucket with the same words.
    const checked = yield* checkStagingBucket(bucket).pipe(Effect.exit);
    if (Exit.isFailure(checked)) {
      const error = checked.cause.reasons.find((r) => r._tag === "Fail")?.error;
      return [bucketFailure(error), skipped("bucket writable")];
    }
    const probe = `${KEY_PREFIX}/doctor/${randomUUID()}`;
    const written = yield* s3.put(bucket, probe, "doctor", "text/plain").pipe(
      Effect.andThen(s3.deleteObjects(bucket, [probe])),
      Effect.exit,
    );
    const bucketCheck = pass(
      "bucket",
      `s3://${bucket} exists, belongs to account ${accountId}, is in ${region}`,
    );
    if (Exit.isFailure(written)) {
      const error = written.cause.reasons.find((r) => r._tag === "Fail")?.error as AwsError | undefined;
      return [
        bucketCheck,
        fail(
          "bucket writable",
          error?.message ?? "PutObject failed",
          error ? awsFailureHint(error, "s3:PutObject and s3:DeleteObject") : "",
        ),
      ];
    }
    return [bucketCheck, pass("bucket writable", `wrote and removed ${probe}`)];
  });
}

function checkRole(config: ExecutorConfig): Effect.Effect<Check, never, AwsServices> {
  return Effect.gen(function* () {
    const role = config.lambdaRoleName;
    if (role.startsWith("arn:")) return pass("role", `${role} (an ARN: not looked up)`);
    const found = yield* (yield* IamApi).getRole(role).pipe(Effect.exit);
    if (Exit.isFailure(found)) {
      const error = found.cause.reasons.find((r) => r._tag === "Fail")?.error as AwsError;
      const missing = new RoleNotFound({ role, reason: error, createCommands: createRoleCommands(role) });
      const [detail, ...fix] = missing.message.split("\n");
      return fail("role", detail, fix.map((line) => line.trim()).join("\n  ") || missing.message);
    }
    if (!trustsLambda(found.value.trustPolicy)) {
      const untrusted = new RoleNotAssumable({ role, trustPolicy: LAMBDA_TRUST_POLICY });
      const [detail, ...fix] = untrusted.message.split("\n");
      return fail("role", detail, fix.map((line) => line.trim()).join(" "));
    }
    return pass("role", `${found.value.arn}; Lambda may assume it`);
  });
}

function checkLambda(): Effect.Effect<Check, never, AwsServices> {
  return LambdaApi.use((lambda) => lambda.unreservedConcurrency()).pipe(
    Effect.map((n) => pass("lambda", `reachable; the account's unreserved concurrency is ${n}`)),
    Effect.catch((error) =>
      Effect.succeed(
        error.reason._tag === "AccessDenied"
          ? pass(
            "lambda",
            "reachable (lambda:GetAccountSettings denied: the executor will run at most 50 tasks at once)",
          )
          : fail("lambda", error.message, awsFailureHint(error, "lambda:GetAccountSettings")),
      )
    ),
  );
}

function roundTrip(config: ExecutorConfig): Effect.Effect<Check> {
  return Effect.promise(async () => {
    const { sources: _sources, ...options } = config;
    const executor = new AWSLambdaExecutor({ ...options, logLevel: "None" });
    const started = performance.now();
    try {
      const answer = await executor.run((greeting: string) => `${greeting} from Lambda`, ["hello"]);
      return pass("round trip", `"${answer}" in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      return fail(
        "round trip",
        (error as Error).message,
        "See the message above; run with logLevel Debug for details.",
      );
    } finally {
      await executor.close();
    }
  });
}
