/**
 * `uninstallEffect`: removes what the executor keeps in an account on purpose: every function
 * it created (the shared ones of every version included) and, when a bucket is named, every
 * object under its prefix there.
 *
 * @module
 */
import { Effect } from "effect";
import type { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import { deleteFunction } from "./deploy.ts";
import { KEY_PREFIX } from "./run_ids.ts";
import { ourFunctions } from "./sweep.ts";
import { makeProblemLog } from "./problem_log.ts";

/**
 * What to uninstall.
 *
 * @example
 * ```ts
 * import type { UninstallSettings } from "@covalent/awslambda";
 * const settings: UninstallSettings = { bucket: "my-bucket", dryRun: true };
 * ```
 */
export interface UninstallSettings {
  /** Also remove every object under `covalent-awslambda/` in this bucket. */
  readonly bucket?: string;
  /** List what would be removed, remove nothing. */
  readonly dryRun: boolean;
}

/**
 * What an uninstall found (and, unless it was a dry run, removed).
 *
 * @example
 * ```ts
 * import type { UninstallReport } from "@covalent/awslambda";
 * const summary = (r: UninstallReport) => `${r.functions.length} functions, ${r.objects.length} objects`;
 * ```
 */
export interface UninstallReport {
  /** Function names. */
  readonly functions: readonly string[];
  /** Object keys (only when a bucket was named). */
  readonly objects: readonly string[];
  /** What could not be listed or removed, one line each. */
  readonly problems: readonly string[];
}

/**
 * Removes every function the executor created and, with `bucket`, its objects there. It never
 * fails: problems are reported.
 *
 * @example
 * ```ts
 * import { uninstallEffect } from "@covalent/awslambda";
 * const preview = uninstallEffect({ dryRun: true });
 * ```
 */
export const uninstallEffect: (
  settings: UninstallSettings,
) => Effect.Effect<UninstallReport, never, S3Api | LambdaApi> = Effect.fn("uninstall")(
  function* (settings: UninstallSettings) {
    const { problems, note, noteUndeleted, recover } = makeProblemLog();
    const functions = yield* ourFunctions(Infinity, false).pipe(recover("listing functions", []));
    const s3 = yield* S3Api;
    const objects = settings.bucket === undefined
      ? []
      : yield* s3.list(settings.bucket, `${KEY_PREFIX}/`).pipe(
        Effect.map((found) => found.map((o) => o.key)),
        recover(`listing s3://${settings.bucket}/${KEY_PREFIX}/`, []),
      );
    if (!settings.dryRun) {
      yield* Effect.forEach(
        functions,
        (name) => deleteFunction(name).pipe(Effect.catch(note(`deleting ${name}`))),
        {
          discard: true,
        },
      );
      if (settings.bucket !== undefined && objects.length > 0) {
        const left = yield* s3.deleteObjects(settings.bucket, objects).pipe(recover("deleting objects", []));
        noteUndeleted(left);
      }
    }
    return { functions, objects, problems };
  },
);
