/**
 * PLACEHOLDER — the S3 service (to be replaced).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { CodeSource } from "../lambda/dependencies.ts";
import type { LocalService } from "../service.ts";
import { s3Error } from "./s3_error.ts";

/** The S3 service, plus what other services and the server need of it. */
export interface S3Service extends LocalService {
  /** Read access for Lambda's `Code.S3Bucket`/`S3Key`. */
  readonly objects: CodeSource;
  /** Creates a bucket if it does not exist (used to seed an embedded local AWS). */
  ensureBucket(name: string): Promise<void>;
}

/** Creates the S3 service, keeping its data under `account.dataDir`. */
export function createS3Service(_account: LocalAccount): Promise<S3Service> {
  return Promise.resolve({
    handle: (request) => Promise.resolve(s3Error(501, "NotImplemented", "not yet", request.requestId)),
    renderError: (error, requestId) => s3Error(error.status, error.code, error.message, requestId),
    close: () => Promise.resolve(),
    objects: { readObject: () => Promise.resolve("NoSuchBucket" as const) },
    ensureBucket: () => Promise.resolve(),
  });
}
