/**
 * The AWS SDK clients the pipeline talks through, as an Effect service, with a layer that
 * builds them from the executor's configuration (starting an embedded local AWS for
 * `endpoint: "local"`).
 *
 * @module
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Context, Effect, Layer } from "effect";
import type { CredentialsError } from "../config/config_error.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import { startLocalAws } from "../local/server.ts";
import { type AwsCredentials, resolveCredentials } from "./resolve_credentials.ts";

/**
 * The SDK clients of one executor and what they point at.
 *
 * @example Use the clients in a stage of your own
 * ```ts
 * import { ListBucketsCommand } from "@aws-sdk/client-s3";
 * import { Effect } from "effect";
 * import { AwsClients } from "@covalent/awslambda";
 * const buckets = AwsClients.use((aws) => Effect.promise(() => aws.s3.send(new ListBucketsCommand({}))));
 * ```
 */
export interface AwsClients {
  /** S3 client (path-style when an endpoint is set). */
  readonly s3: S3Client;
  /** Lambda client. */
  readonly lambda: LambdaClient;
  /** IAM client. */
  readonly iam: IAMClient;
  /** Region of every client. */
  readonly region: string;
  /** Endpoint URL, when not the real AWS. */
  readonly endpoint?: string;
  /** Presigns a GET or PUT of one object for `expiresSeconds`. */
  presign(method: "GET" | "PUT", bucket: string, key: string, expiresSeconds: number): Effect.Effect<string>;
}

/**
 * The service key of `AwsClients`.
 *
 * @example Provide clients you built yourself
 * ```ts
 * import { Effect } from "effect";
 * import { AwsClients, makeAwsClients } from "@covalent/awslambda";
 * const clients = makeAwsClients("us-east-1", { accessKeyId: "test", secretAccessKey: "test" }, "http://127.0.0.1:4566");
 * const region = AwsClients.use((aws) => Effect.succeed(aws.region)).pipe(Effect.provideService(AwsClients, clients));
 * ```
 */
export const AwsClients: Context.Service<AwsClients, AwsClients> = Context.Service<AwsClients>(
  "@covalent/awslambda/AwsClients",
);

/**
 * Builds clients for an endpoint with the given credentials.
 *
 * @example Clients for a local endpoint
 * ```ts
 * import { makeAwsClients } from "@covalent/awslambda";
 * const clients = makeAwsClients("us-east-1", { accessKeyId: "test", secretAccessKey: "test" }, "http://127.0.0.1:4566");
 * ```
 */
export function makeAwsClients(region: string, credentials: AwsCredentials, endpoint?: string): AwsClients {
  const common = { region, credentials, endpoint };
  // Presigned PUTs must not carry the SDK's optional CRC32 of an empty body: MinIO, R2 and
  // Garage check it against the upload and refuse it.
  const s3 = new S3Client({
    ...common,
    forcePathStyle: endpoint !== undefined,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
  const lambda = new LambdaClient(common);
  const iam = new IAMClient(common);
  return {
    s3,
    lambda,
    iam,
    region,
    endpoint,
    presign: (method, bucket, key, expiresIn) =>
      Effect.promise(() => {
        const command = method === "GET"
          ? new GetObjectCommand({ Bucket: bucket, Key: key })
          : new PutObjectCommand({ Bucket: bucket, Key: key });
        return getSignedUrl(s3, command, { expiresIn });
      }),
  };
}

/**
 * The clients for a configuration. With `endpoint: "local"` it starts an embedded local AWS
 * holding the configured bucket and role, and stops it when the layer's scope closes.
 *
 * @example Clients for an embedded local AWS
 * ```ts
 * import { Effect } from "effect";
 * import { awsClientsLayer, loadConfig } from "@covalent/awslambda";
 * const config = await Effect.runPromise(loadConfig({ endpoint: "local" }));
 * const layer = awsClientsLayer(config);
 * ```
 */
export function awsClientsLayer(config: ExecutorConfig): Layer.Layer<AwsClients, CredentialsError> {
  return Layer.effect(
    AwsClients,
    Effect.gen(function* () {
      let clients: AwsClients;
      if (config.endpoint === "local") {
        const aws = yield* Effect.acquireRelease(
          Effect.promise(() => startLocalAws({ region: config.region, pendingMs: 100 })),
          (aws) => Effect.promise(() => aws.close()),
        );
        yield* Effect.promise(() => aws.ensureBucket(config.s3BucketName));
        if (!config.lambdaRoleName.startsWith("arn:")) aws.ensureRole(config.lambdaRoleName);
        yield* Effect.logDebug(`embedded local AWS listening on ${aws.endpoint}`);
        clients = makeAwsClients(config.region, aws.credentials, aws.endpoint);
      } else {
        const credentials = yield* resolveCredentials({ file: config.credentials, profile: config.profile });
        clients = makeAwsClients(config.region, credentials, config.endpoint);
      }
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => {
          clients.s3.destroy();
          clients.lambda.destroy();
          clients.iam.destroy();
        })
      );
      return clients;
    }),
  );
}
