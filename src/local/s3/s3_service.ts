/**
 * The S3 service of local AWS: path-style S3 over objects kept on disk under
 * `<dataDir>/s3`, streamed both ways, surviving restarts on the same data directory.
 *
 * @module
 */
import { join } from "node:path";
import type { LocalAccount } from "../account.ts";
import type { CodeSource } from "../lambda/dependencies.ts";
import type { LocalService } from "../service.ts";
import { bucketOwner } from "./bucket_access.ts";
import { isValidBucketName } from "./bucket_names.ts";
import { createDigestPool } from "./digest_pool.ts";
import { ObjectStore } from "./object_store.ts";
import type { S3Context } from "./s3_context.ts";
import { s3Error } from "./s3_error.ts";
import { faults, S3Fault } from "./s3_fault.ts";
import { s3Operation } from "./s3_operation.ts";
import { routeS3 } from "./s3_routes.ts";
import { UploadStore } from "./upload_store.ts";

/** The S3 service, plus what other services and the server need of it. */
export interface S3Service extends LocalService {
  /** Read access for Lambda's `Code.S3Bucket`/`S3Key`. */
  readonly objects: CodeSource;
  /**
   * Creates a bucket if it does not exist (used to seed an embedded local AWS), in `region`
   * (default: the server's) owned by `accountId` (default: the primary account).
   * @throws {Error} when the name is invalid, or the bucket exists in another region or account.
   */
  ensureBucket(name: string, options?: EnsureBucketOptions): Promise<void>;
}

/** Where `ensureBucket` puts a bucket. */
export interface EnsureBucketOptions {
  /**
   * The bucket's region.
   * @default {the server's region}
   */
  readonly region?: string;
  /**
   * The owning account.
   * @default {the primary account}
   */
  readonly accountId?: string;
}

/**
 * Creates the S3 service, keeping its data under `account.dataDir` and loading what an earlier
 * run left there.
 *
 * @param account The simulated account.
 * @returns The service.
 *
 * @example
 * ```ts
 * const s3 = await createS3Service(account);
 * await s3.ensureBucket("covalent-lambda-job-resources");
 * await s3.ensureBucket("eu-bucket", { region: "eu-west-1", accountId: "111111111111" });
 * ```
 */
export async function createS3Service(account: LocalAccount): Promise<S3Service> {
  const root = join(account.dataDir, "s3");
  const store = await ObjectStore.open(root);
  const uploads = await UploadStore.open(join(root, "uploads"), store.tempDir);
  const digests = createDigestPool();
  const context: S3Context = { store, uploads, account, digests };
  return {
    identify: (request) => ({ operation: s3Operation(request), request }),
    handle: async (request) => {
      try {
        // Buckets are private: only signed or presigned requests get through.
        if (request.accessKeyId === undefined && !request.presigned) throw faults.accessDenied();
        return await routeS3(context, request);
      } catch (error) {
        if (!(error instanceof S3Fault)) throw error;
        return s3Error(
          error.status,
          error.code,
          error.message,
          request.requestId,
          error.extra,
          error.headers,
        );
      }
    },
    renderError: (error, requestId) =>
      s3Error(error.status, error.code, error.message, requestId, error.extra),
    close: () => digests.close(),
    objects: {
      readObject: async (bucket, key) => {
        if (!store.bucket(bucket)) return "NoSuchBucket";
        const opened = await store.openObject(bucket, key);
        if (!opened) return "NoSuchKey";
        try {
          return new Uint8Array(await opened.file.readFile());
        } finally {
          await opened.file.close();
        }
      },
    },
    ensureBucket: async (name, options = {}) => {
      const region = options.region ?? account.region;
      const owner = options.accountId ?? account.accountId;
      if (!isValidBucketName(name)) {
        throw new Error(`Cannot create bucket "${name}": the name is not valid for S3`);
      }
      const existing = store.bucket(name) ?? await store.createBucket(name, region, owner);
      const existingOwner = bucketOwner(context, existing);
      if (existing.region !== region || existingOwner !== owner) {
        throw new Error(
          `Cannot ensure bucket "${name}" in ${region} for account ${owner}: it exists in ${existing.region}, owned by ${existingOwner}`,
        );
      }
    },
  };
}
