/**
 * Starting and stopping local AWS: one HTTP port serving S3, Lambda, IAM and STS.
 *
 * @module
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_ACCOUNT_ID, type LocalAccount } from "./account.ts";
import { type AddAccountOptions, type AddedAccount, createAccountDirectory } from "./account_directory.ts";
import { type AccountServices, createAccountServices } from "./account_services.ts";
import { rootIdentity } from "./auth/key_ring.ts";
import { issueSessionCredentials, type SessionCredentials } from "./auth/session_credentials.ts";
import { createFaultInjector, type FaultInjector } from "./faults/fault_injector.ts";
import { listen } from "./http/node_listener.ts";
import { createStsService } from "./iam/sts_service.ts";
import type { LocalAws, LocalAwsOptions } from "./local_aws_options.ts";
import { createRequestCounter, type RequestCounts } from "./request_counts.ts";
import { createRouter } from "./router.ts";
import { createS3Service, type EnsureBucketOptions } from "./s3/s3_service.ts";

export type { AddAccountOptions, AddedAccount } from "./account_directory.ts";
export type { SessionCredentials } from "./auth/session_credentials.ts";
export type { EnsureBucketOptions } from "./s3/s3_service.ts";
export type { RequestCounts } from "./request_counts.ts";

/** What `issueSessionCredentials` issues. */
export interface IssueSessionOptions {
  /** How long the credentials work, in seconds; any positive number (STS itself takes 900 or more). */
  readonly durationSeconds: number;
  /**
   * The account they act in, as its root.
   * @default {the primary account}
   */
  readonly accountId?: string;
}

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
  /**
   * Creates a bucket if it does not exist yet, in `region` (default: the server's) owned by
   * `accountId` (default: the primary account).
   *
   * @throws {Error} when the name is invalid, or the bucket exists in another region or account.
   */
  ensureBucket(name: string, options?: EnsureBucketOptions): Promise<void>;
  /** Creates a Lambda execution role (in the primary account) if it does not exist yet; returns its ARN. */
  ensureRole(name: string): string;
  /** Faults to inject into chosen requests (errors, delays, responses of your own). */
  readonly faults: FaultInjector;
  /**
   * Adds an account whose root keys local AWS accepts from now on. It has its own buckets,
   * roles and functions; bucket names stay shared by every account, as on AWS.
   *
   * @example A second account
   * ```ts
   * import { startLocalAws } from "@covalent/awslambda/local";
   * await using aws = await startLocalAws();
   * const other = aws.addAccount(); // { accountId: "111111111111", credentials: { accessKeyId: "AKIA…", … } }
   * ```
   *
   * @throws {Error} when the id is not twelve digits, or the id or access key is taken.
   */
  addAccount(options?: AddAccountOptions): AddedAccount;
  /**
   * Issues temporary credentials (`ASIA…` keys and a session token) for an account's root, of
   * any positive duration: the way to test expiry without waiting STS's 15-minute minimum.
   *
   * @example Credentials that expire in two seconds
   * ```ts
   * import { startLocalAws } from "@covalent/awslambda/local";
   * await using aws = await startLocalAws();
   * const { accessKeyId, secretAccessKey, sessionToken, expiration } = aws.issueSessionCredentials({ durationSeconds: 2 });
   * ```
   *
   * @throws {Error} when the duration is not positive or the account is unknown.
   */
  issueSessionCredentials(options: IssueSessionOptions): SessionCredentials;
  /**
   * Makes an Active function of the primary account Inactive (StateReasonCode `Idle`), as
   * Lambda does after weeks without invocations. The next invocation fails and wakes it.
   *
   * @throws {Error} when it does not exist, or is not Active with no update running.
   */
  deactivateFunction(name: string): void;
  /**
   * How many requests each service has received since the start (or the last reset), by
   * operation: every request that reached the server, presigned ones included, faulted ones
   * too; those refused by authentication as `Unauthenticated`. A snapshot.
   *
   * @example No S3 request during a task
   * ```ts
   * import { startLocalAws } from "@covalent/awslambda/local";
   * await using aws = await startLocalAws();
   * aws.resetRequestCounts();
   * // … run a task …
   * const s3Requests = Object.values(aws.requestCounts().s3).reduce((a, b) => a + b, 0);
   * ```
   */
  requestCounts(): RequestCounts;
  /** Starts every request count again from zero. */
  resetRequestCounts(): void;
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
  const accounts = createAccountDirectory(account);
  const s3 = await createS3Service(account);
  const settings = {
    code: s3.objects,
    concurrency: options.concurrency ?? 10,
    functionStartTimeoutMs: options.functionStartTimeoutMs ?? 10_000,
    idleMs: options.idleMs ?? 60_000,
    pendingMs: options.pendingMs ?? 300,
    rolePropagationMs: options.rolePropagationMs ?? 0,
    keys: accounts.keys,
    nodeBinaries: options.nodeBinaries,
  };
  const perAccount = new Map<string, AccountServices>([[
    account.accountId,
    createAccountServices(account, settings),
  ]]);
  const primary = perAccount.get(account.accountId)!;
  const sts = createStsService({
    keys: accounts.keys,
    findRole: (arn) => perAccount.get(arn.split(":")[4] ?? "")?.iam.findRole(arn),
  });
  const faults = createFaultInjector();
  const counter = createRequestCounter();
  const release = async () => {
    const services = [s3, sts, ...[...perAccount.values()].flatMap(({ iam, lambda }) => [iam, lambda])];
    await Promise.allSettled(services.map((service) => service.close()));
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const router = createRouter(
    {
      keys: accounts.keys,
      region,
      service: (name, accountId) => {
        if (name === "s3") return s3;
        if (name === "sts") return sts;
        return (perAccount.get(accountId ?? "") ?? primary)[name];
      },
    },
    faults,
    counter,
  );
  let listener: Awaited<ReturnType<typeof listen>>;
  try {
    listener = await listen(router, host, options.port ?? 0);
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
    ensureBucket: (name, bucketOptions = {}) => {
      if (bucketOptions.accountId !== undefined && !accounts.account(bucketOptions.accountId)) {
        return Promise.reject(
          new Error(`Cannot create bucket "${name}" for account ${bucketOptions.accountId}: no such account`),
        );
      }
      return s3.ensureBucket(name, bucketOptions);
    },
    ensureRole: (name) => primary.iam.ensureRole(name),
    faults,
    addAccount: (accountOptions) => {
      const added = accounts.add(accountOptions);
      perAccount.set(added.accountId, createAccountServices(added, settings));
      return { accountId: added.accountId, credentials: { ...added.credentials } };
    },
    issueSessionCredentials: ({ durationSeconds, accountId = account.accountId }) => {
      if (!(durationSeconds > 0) || !Number.isFinite(durationSeconds)) {
        throw new Error(
          `Cannot issue session credentials: durationSeconds must be positive, got ${durationSeconds}`,
        );
      }
      if (!accounts.account(accountId)) {
        throw new Error(`Cannot issue session credentials for account ${accountId}: no such account`);
      }
      return issueSessionCredentials(
        accounts.keys,
        rootIdentity(accountId),
        durationSeconds * 1000,
        "GetSessionToken",
      );
    },
    deactivateFunction: (name) => primary.lambda.deactivateFunction(name),
    requestCounts: () => counter.snapshot(),
    resetRequestCounts: () => counter.reset(),
  };
}
