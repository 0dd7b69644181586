/**
 * A local AWS plus executor options that reach it through a shared credentials file, as a
 * user pointing the executor at an S3/Lambda-compatible endpoint would.
 *
 * @module
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalAwsOptions, type LocalAwsServer, startLocalAws } from "../../local.ts";
import { AWSLambdaExecutor, type AWSLambdaExecutorOptions } from "../../mod.ts";
import { lambdaClient, s3Client } from "./aws_clients.ts";

/** A running bed. */
export interface ExecutorBed {
  /** The local AWS. */
  readonly aws: LocalAwsServer;
  /** Options that point an executor at it (fresh cache dir per bed). */
  readonly options: AWSLambdaExecutorOptions;
  /** Keys of every object in the staging bucket. */
  objectKeys(): Promise<string[]>;
  /** Names of every function. */
  functionNames(): Promise<string[]>;
  /** A new executor on `options`; `close()` closes it (again, if the test already did). */
  executor(): AWSLambdaExecutor;
  /** A new executor on `options` with some of them changed; closed by `close()` too. */
  executorWith(changes: AWSLambdaExecutorOptions): AWSLambdaExecutor;
  /** Closes the executors made by `executor()`, stops the local AWS and removes the temp files. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The staging bucket the bed creates. */
export const BED_BUCKET = "covalent-bed-bucket";

/** Starts a local AWS with the bucket and writes a credentials file for it. */
export async function startExecutorBed(
  extra: AWSLambdaExecutorOptions = {},
  localOptions: LocalAwsOptions = {},
): Promise<ExecutorBed> {
  const aws = await startLocalAws({ pendingMs: 50, ...localOptions });
  await aws.ensureBucket(BED_BUCKET);
  const dir = mkdtempSync(join(tmpdir(), "executor-bed-"));
  const credentials = join(dir, "credentials");
  writeFileSync(
    credentials,
    `[bed]\naws_access_key_id = ${aws.credentials.accessKeyId}\naws_secret_access_key = ${aws.credentials.secretAccessKey}\n`,
  );
  const options: AWSLambdaExecutorOptions = {
    endpoint: aws.endpoint,
    region: aws.region,
    credentials,
    profile: "bed",
    s3BucketName: BED_BUCKET,
    cacheDir: join(dir, "cache"),
    configFile: join(dir, "covalent.conf"),
    pollFreq: 0.2,
    timeout: 30,
    ...extra,
  };
  writeFileSync(options.configFile!, "");
  const s3 = s3Client(aws);
  const lambda = lambdaClient(aws);
  const executors: AWSLambdaExecutor[] = [];
  const executorWith = (changes: AWSLambdaExecutorOptions) => {
    const executor = new AWSLambdaExecutor({ ...options, ...changes });
    executors.push(executor);
    return executor;
  };
  const close = async () => {
    await Promise.all(executors.map((executor) => executor.close()));
    s3.destroy();
    lambda.destroy();
    await aws.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    aws,
    options,
    objectKeys: async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BED_BUCKET }));
      return (listed.Contents ?? []).map((o) => o.Key!);
    },
    functionNames: async () => {
      const listed = await lambda.send(new ListFunctionsCommand({}));
      return (listed.Functions ?? []).map((f) => f.FunctionName!);
    },
    executor: () => executorWith({}),
    executorWith,
    close,
    [Symbol.asyncDispose]: close,
  };
}
