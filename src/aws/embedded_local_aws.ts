/**
 * The embedded local AWS of `endpoint: "local"`: started on first use, seeded with the
 * configured bucket and role, stopped when the scope closes. Loaded only when asked for, so
 * programs against real AWS never load the local server.
 *
 * @module
 */
import { Effect, type Scope } from "effect";
import { availableParallelism } from "node:os";
import type { ExecutorConfig } from "../config/executor_config.ts";
import type { AwsCredentials } from "./aws_credentials.ts";

/**
 * Where the embedded local AWS listens, and its keys.
 *
 * @example
 * ```ts
 * import type { EmbeddedAws } from "@covalent/awslambda";
 * const aws: EmbeddedAws = { endpoint: "http://127.0.0.1:4566", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
 * ```
 */
export interface EmbeddedAws {
  /** Endpoint URL. */
  readonly endpoint: string;
  /** The keys it accepts. */
  readonly credentials: AwsCredentials;
}

/**
 * Starts an embedded local AWS for a configuration, in the current scope.
 *
 * @param config The executor's configuration (region, bucket, role).
 * @returns Its endpoint and keys.
 */
export function embeddedLocalAws(config: ExecutorConfig): Effect.Effect<EmbeddedAws, never, Scope.Scope> {
  return Effect.gen(function* () {
    const { startLocalAws } = yield* Effect.promise(() => import("../local/server.ts"));
    const aws = yield* Effect.acquireRelease(
      Effect.promise(() =>
        startLocalAws({ region: config.region, pendingMs: 100, concurrency: localConcurrency() })
      ),
      (aws) => Effect.promise(() => aws.close()),
    );
    yield* Effect.promise(() => aws.ensureBucket(config.s3BucketName));
    if (!config.lambdaRoleName.startsWith("arn:")) aws.ensureRole(config.lambdaRoleName);
    yield* Effect.logDebug(`embedded local AWS listening on ${aws.endpoint}`);
    return { endpoint: aws.endpoint, credentials: aws.credentials };
  });
}

/**
 * What this machine can run at once: each execution environment is a Node process (tens of
 * MB), so a few dozen per core is plenty for I/O-bound tasks.
 */
function localConcurrency(): number {
  return Math.max(8, Math.min(64, availableParallelism() * 16));
}
