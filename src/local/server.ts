/**
 * Starting and stopping local AWS: one HTTP port serving S3, Lambda, IAM and STS.
 *
 * @module
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_ACCOUNT_ID, type LocalAccount } from "./account.ts";
import { createProcessExecutor } from "./execution/process_executor.ts";
import { createFaultInjector, type FaultInjector } from "./faults/fault_injector.ts";
import { listen } from "./http/node_listener.ts";
import { createIamService } from "./iam/iam_service.ts";
import { createStsService } from "./iam/sts_service.ts";
import { createLambdaService } from "./lambda/lambda_service.ts";
import type { LocalAws, LocalAwsOptions } from "./local_aws_options.ts";
import { createRouter } from "./router.ts";
import { createS3Service } from "./s3/s3_service.ts";

/**
 * A running local AWS, with handles for seeding it (used by the executor's embedded mode).
 *
 * @example Seed a bucket and a role
 * ```ts
 * import { startLocalAws } from "@covalent/awslambda/local";
 * await using aws = await startLocalAws();
 * await aws.ensureBucket("my-bucket");
 * const roleArn = aws.ensureRole("MyLambdaRole");
 * ```
 */
export interface LocalAwsServer extends LocalAws {
  /** Creates a bucket if it does not exist yet. */
  ensureBucket(name: string): Promise<void>;
  /** Creates a Lambda execution role if it does not exist yet; returns its ARN. */
  ensureRole(name: string): string;
  /** Faults to inject into chosen requests (errors, delays, responses of your own). */
  readonly faults: FaultInjector;
}

/**
 * Starts local AWS: an HTTP server on `host:port` that speaks S3, Lambda, IAM and STS to the
 * unmodified AWS SDK and runs Lambda functions as local processes.
 *
 * @example Start, use, stop
 * ```ts
 * import { startLocalAws } from "@covalent/awslambda/local";
 * await using aws = await startLocalAws();
 * console.log(aws.endpoint); // http://127.0.0.1:<port>
 * ```
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAwsServer> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? "us-east-1";
  const credentials = options.credentials ?? { accessKeyId: "test", secretAccessKey: "test" };
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? await mkdtemp(join(tmpdir(), "covalent-local-aws-"));
  await mkdir(dataDir, { recursive: true });

  let endpoint = "";
  const account: LocalAccount = {
    accountId: LOCAL_ACCOUNT_ID,
    region,
    credentials,
    dataDir,
    endpoint: () => endpoint,
  };
  const iam = createIamService(account);
  const sts = createStsService(account);
  const s3 = await createS3Service(account);
  const concurrency = options.concurrency ?? 10;
  const executor = createProcessExecutor({
    account,
    concurrency,
    functionStartTimeoutMs: options.functionStartTimeoutMs ?? 10_000,
    idleMs: options.idleMs ?? 60_000,
  });
  const lambda = createLambdaService(account, {
    roles: iam.roles,
    code: s3.objects,
    executor,
    pendingMs: options.pendingMs ?? 300,
    concurrency,
  });
  const services = { s3, lambda, iam, sts };
  const faults = createFaultInjector();
  const release = async () => {
    await Promise.allSettled(Object.values(services).map((service) => service.close()));
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  let listener: Awaited<ReturnType<typeof listen>>;
  try {
    listener = await listen(createRouter(account, services, faults), host, options.port ?? 0);
  } catch (error) {
    // A port in use must not leave a temporary directory behind.
    await release();
    throw error;
  }
  endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${listener.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      await listener.close();
      await release();
    })();
  return {
    endpoint,
    region,
    credentials,
    dataDir,
    close,
    [Symbol.asyncDispose]: close,
    ensureBucket: (name) => s3.ensureBucket(name),
    ensureRole: (name) => iam.ensureRole(name),
    faults,
  };
}
