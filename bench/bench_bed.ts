/**
 * The one embedded local AWS every side of the bench runs on: started with the concurrency the
 * issue names, a bucket, a shared credentials file for the executor, and raw SDK clients for
 * the floors.
 *
 * @module
 */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalAwsServer, startLocalAws } from "../local.ts";

/**
 * Local AWS concurrency. Local Lambda keeps at most this many processes, evicting the least
 * recently used idle one to start another, so it must hold both sides of the throughput row at
 * concurrency 64 (2 × 64) and the other sections' functions: at 80, every slice of the 64 row
 * evicted the other side's warm environments and paid dozens of cold starts.
 */
export const BENCH_CONCURRENCY = 160;
/** The bucket every side uses. */
export const BENCH_BUCKET = "covalent-bench";
/** The profile written into the credentials file. */
export const BENCH_PROFILE = "bench";

/** The running bed. */
export interface BenchBed {
  readonly aws: LocalAwsServer;
  readonly bucket: string;
  /** Shared credentials file holding local AWS's keys under `profile`. */
  readonly credentialsFile: string;
  readonly profile: string;
  /** Raw clients sized for sequential use (and the large transfers). */
  readonly lambda: LambdaClient;
  readonly s3: S3Client;
  /** A Lambda client whose HTTP agent holds `maxSockets` connections. */
  lambdaWithSockets(maxSockets: number): LambdaClient;
  /** The environment a child process needs to reach the bed. */
  childEnv(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts local AWS (`concurrency: BENCH_CONCURRENCY, pendingMs: 50`), creates the bucket and writes the credentials file. */
export async function startBenchBed(): Promise<BenchBed> {
  const aws = await startLocalAws({ concurrency: BENCH_CONCURRENCY, pendingMs: 50 });
  const dir = await mkdtemp(join(tmpdir(), "covalent-bench-"));
  const credentialsFile = join(dir, "credentials");
  await writeFile(
    credentialsFile,
    `[${BENCH_PROFILE}]\naws_access_key_id = ${aws.credentials.accessKeyId}\naws_secret_access_key = ${aws.credentials.secretAccessKey}\n`,
  );
  await aws.ensureBucket(BENCH_BUCKET);
  const base = { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials };
  const lambdaWithSockets = (maxSockets: number) =>
    new LambdaClient({ ...base, requestHandler: { httpAgent: { maxSockets } } });
  const lambda = lambdaWithSockets(BENCH_CONCURRENCY);
  const s3 = new S3Client({
    ...base,
    forcePathStyle: true,
    requestHandler: { httpAgent: { maxSockets: 16 } },
  });
  return {
    aws,
    bucket: BENCH_BUCKET,
    credentialsFile,
    profile: BENCH_PROFILE,
    lambda,
    s3,
    lambdaWithSockets,
    childEnv: () => ({
      BENCH_ENDPOINT: aws.endpoint,
      BENCH_REGION: aws.region,
      BENCH_CREDENTIALS: credentialsFile,
      BENCH_PROFILE,
      BENCH_BUCKET,
    }),
    close: async () => {
      lambda.destroy();
      s3.destroy();
      await aws.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
