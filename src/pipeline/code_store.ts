/**
 * Module bundles in S3, uploaded once per content hash by each executor and removed when it
 * closes. Function sources travel inline instead.
 *
 * @module
 */
import { Deferred, Effect } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import { S3Api } from "../aws/s3_api.ts";
import { KEY_PREFIX } from "./run_ids.ts";

/** An executor's uploaded bundles. */
export interface CodeStore {
  /** The key of the bundle with this hash, uploading it first if this executor has not yet. */
  keyFor(hash: string, code: string): Effect.Effect<string, AwsError, S3Api>;
  /** Keys of everything uploaded so far. */
  keys(): readonly string[];
}

/**
 * Makes an empty store whose keys live under `covalent-awslambda/code/<executorId>/`, so that
 * removing them at close never pulls a bundle from under another executor.
 *
 * @param bucket The staging bucket.
 * @param executorId A unique id of the executor.
 * @param onUpload Told of each upload attempt (for the executor's costs).
 */
export function makeCodeStore(bucket: string, executorId: string, onUpload?: () => void): CodeStore {
  const uploads = new Map<string, Deferred.Deferred<string, AwsError>>();
  return {
    keyFor: (hash, code) =>
      Effect.gen(function* () {
        const known = uploads.get(hash);
        if (known) return yield* Deferred.await(known);
        const done = yield* Deferred.make<string, AwsError>();
        uploads.set(hash, done);
        const key = `${KEY_PREFIX}/code/${executorId}/${hash}.mjs`;
        const s3 = yield* S3Api;
        onUpload?.();
        // Uninterruptible: tasks waiting on this upload must get an answer. Bundles are small.
        const exit = yield* s3.put(bucket, key, code, "text/javascript").pipe(
          Effect.as(key),
          Effect.exit,
          Effect.tap((exit) => {
            // A failed upload is forgotten, so the next task tries again.
            if (exit._tag === "Failure") uploads.delete(hash);
            return Deferred.done(done, exit);
          }),
          Effect.uninterruptible,
        );
        return yield* exit;
      }),
    keys: () => [...uploads.keys()].map((hash) => `${KEY_PREFIX}/code/${executorId}/${hash}.mjs`),
  };
}
