/**
 * What every S3 operation works with.
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { DigestPool } from "./digest_pool.ts";
import type { ObjectStore } from "./object_store.ts";
import type { UploadStore } from "./upload_store.ts";

/** The state and account an S3 operation needs. */
export interface S3Context {
  /** Buckets and objects. */
  readonly store: ObjectStore;
  /** Multipart uploads in progress. */
  readonly uploads: UploadStore;
  /** The simulated account. */
  readonly account: LocalAccount;
  /** Worker threads that hash large upload bodies (ended when the service closes). */
  readonly digests: DigestPool;
}

/** Largest single PutObject / UploadPart body S3 accepts (5 GiB). */
export const MAX_OBJECT_PUT = 5 * 1024 * 1024 * 1024;
