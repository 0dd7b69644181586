/**
 * The layers that build the AWS boundary: credentials, the caller's account, and the S3,
 * Lambda and IAM services over clients with timeouts, released when the layer's scope closes.
 *
 * @module
 */
import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { Context, Effect, Layer, type Scope } from "effect";
import { CredentialsError } from "../config/config_error.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import type { AwsError } from "./aws_error.ts";
import { AwsSession } from "./aws_session.ts";
import { type CredentialSource, credentialSource } from "./credential_source.ts";
import { embeddedLocalAws } from "./embedded_local_aws.ts";
import { IamApi, makeIamApi } from "./iam_api.ts";
import { LambdaApi, makeLambdaApi } from "./lambda_api.ts";
import type { AwsCredentials } from "./aws_credentials.ts";
import { makeS3Api, S3Api } from "./s3_api.ts";
import { makeSetupApi, SetupApi } from "./setup_api.ts";
import { callerIdentity } from "./sts_api.ts";

/** Every service of the AWS boundary. */
export type AwsServices = S3Api | LambdaApi | IamApi | SetupApi | AwsSession;

/**
 * How to reach AWS.
 *
 * @example Static keys against an endpoint of your own
 * ```ts
 * import type { AwsApiSettings } from "@covalent/awslambda";
 * const settings: AwsApiSettings = {
 *   region: "us-east-1",
 *   endpoint: "http://127.0.0.1:4566",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" },
 * };
 * ```
 */
export interface AwsApiSettings {
  /** Region of every client. */
  readonly region: string;
  /** Endpoint URL of an S3/Lambda/IAM/STS-compatible server; omitted: AWS. */
  readonly endpoint?: string;
  /** Static keys, or a refreshing source. */
  readonly credentials: AwsCredentials | CredentialSource;
  /**
   * Most connections each client keeps open at once.
   * @default {50}
   */
  readonly maxConnections?: number;
}

/** Builds a service over SDK clients whose connections are released when the scope closes. */
function closedWithScope<A extends { close(): void }>(make: () => A): Effect.Effect<A, never, Scope.Scope> {
  return Effect.acquireRelease(Effect.sync(make), (built) => Effect.sync(() => built.close()));
}

/** A control-plane or small S3 request that takes longer than this has failed. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A socket that stays silent this long mid-transfer has failed. */
const SOCKET_IDLE_MS = 120_000;
/** Connecting takes milliseconds; an endpoint that does not answer SYNs is gone. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The AWS services over explicit settings, with the caller's account looked up first (which
 * also proves the keys work: a wrong secret fails here as a `CredentialsError`).
 *
 * @example Services for a running local AWS
 * ```ts
 * import { Effect } from "effect";
 * import { awsApiLayer, S3Api } from "@covalent/awslambda";
 * const layer = awsApiLayer({ region: "us-east-1", endpoint: "http://127.0.0.1:4566", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
 * const region = S3Api.use((s3) => s3.bucketRegion("my-bucket")).pipe(Effect.provide(layer));
 * ```
 */
export function awsApiLayer(settings: AwsApiSettings): Layer.Layer<AwsServices, CredentialsError | AwsError> {
  return Layer.effectContext(Effect.gen(function* () {
    const source = "provider" in settings.credentials
      ? settings.credentials
      : staticSource(settings.credentials);
    const maxSockets = settings.maxConnections ?? 50;
    const common = {
      region: settings.region,
      endpoint: settings.endpoint,
      credentials: source.provider,
      requestHandler: {
        connectionTimeout: CONNECT_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        httpAgent: { maxSockets },
        httpsAgent: { maxSockets },
      },
    };
    const identity = yield* callerIdentity(common, REQUEST_TIMEOUT_MS).pipe(
      Effect.catchIf(
        (error) => error.reason._tag === "InvalidCredentials" || error.reason._tag === "ExpiredCredentials",
        (error) =>
          Effect.fail(
            new CredentialsError({
              reason: error,
              message: `AWS refused the credentials from ${source.origin}: ${error.message}. ` +
                (error.reason._tag === "ExpiredCredentials"
                  ? "They have expired: refresh them (`aws sso login`, a new session) and run again."
                  : "Check the access key id and secret access key (or the session token), and that they " +
                    "belong to this endpoint or partition."),
            }),
          ),
      ),
    );
    const s3Config: S3ClientConfig = {
      ...common,
      requestHandler: { ...common.requestHandler, socketTimeout: SOCKET_IDLE_MS },
      forcePathStyle: settings.endpoint !== undefined,
      // Presigned PUTs must not carry the SDK's optional CRC32 of an empty body: MinIO, R2 and
      // Garage check it against the upload and refuse it.
      requestChecksumCalculation: "WHEN_REQUIRED",
    };
    const s3 = yield* closedWithScope(() =>
      makeS3Api({
        clientConfig: s3Config,
        accountId: identity.accountId,
        credentialsFor: source.validFor,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      })
    );
    const lambda = yield* closedWithScope(() =>
      makeLambdaApi({ clientConfig: common, requestTimeoutMs: REQUEST_TIMEOUT_MS })
    );
    const iam = yield* closedWithScope(() => makeIamApi(common, REQUEST_TIMEOUT_MS));
    const setup = yield* closedWithScope(() => makeSetupApi(s3Config, common));
    return Context.make(S3Api, s3.api).pipe(
      Context.add(LambdaApi, lambda.api),
      Context.add(IamApi, iam.api),
      Context.add(SetupApi, setup.api),
      Context.add(AwsSession, {
        region: settings.region,
        endpoint: settings.endpoint,
        accountId: identity.accountId,
        callerArn: identity.arn,
        credentialsOrigin: source.origin,
      }),
    );
  }));
}

/**
 * The AWS services for an executor's configuration: its region, endpoint and credentials
 * (a refreshing provider). With `endpoint: "local"` it starts an embedded local AWS holding
 * the configured bucket and role, and stops it when the layer's scope closes.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { awsLayer, loadConfig } from "@covalent/awslambda";
 * const config = await Effect.runPromise(loadConfig({ endpoint: "local" }));
 * const layer = awsLayer(config);
 * ```
 */
export function awsLayer(config: ExecutorConfig): Layer.Layer<AwsServices, CredentialsError | AwsError> {
  return Layer.unwrap(Effect.gen(function* () {
    if (config.endpoint === "local") {
      const local = yield* embeddedLocalAws(config);
      return awsApiLayer({
        region: config.region,
        endpoint: local.endpoint,
        credentials: local.credentials,
        maxConnections: connectionsFor(config),
      });
    }
    const fromConfigFile = (key: "credentials" | "profile") => config.sources[key]?.kind === "file";
    const credentials = yield* credentialSource({
      file: config.credentials,
      profile: config.profile,
      fromConfigFile: fromConfigFile("credentials") || fromConfigFile("profile"),
      env: process.env,
      clientConfig: { region: config.region, endpoint: config.endpoint },
    });
    return awsApiLayer({
      region: config.region,
      endpoint: config.endpoint,
      credentials,
      maxConnections: connectionsFor(config),
    });
  }));
}

/**
 * Connections per client: at least one per task the executor may run at once (the permits
 * bound the tasks, so a queue in the HTTP agent would only eat into their timeouts).
 */
function connectionsFor(config: ExecutorConfig): number {
  return (config.maxConcurrency ?? 512) + 16;
}

function staticSource(keys: AwsCredentials): CredentialSource {
  return {
    provider: () => Promise.resolve(keys),
    origin: "the given keys",
    validFor: () => Effect.succeed(keys),
  };
}
