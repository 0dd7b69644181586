/**
 * `sweepEffect`: finds and removes what a killed process left behind: objects under the
 * executor's prefix, functions of runs (`function_per_task`) and shared functions of other
 * versions of this package, and kept files in the cache — all only when older than a
 * threshold, so live runs are left alone. The current version's shared functions are in use
 * by definition and stay (`uninstall` removes them).
 *
 * @module
 */
import { Effect } from "effect";
import { readdir, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import { VERSION } from "../version.ts";
import { deleteFunction, EXECUTOR_TAG } from "./deploy.ts";
import { FUNCTION_PREFIX } from "./function_name.ts";
import { KEY_PREFIX } from "./run_ids.ts";
import { makeProblemLog } from "./problem_log.ts";

/** What to sweep. */
export interface SweepSettings {
  /** The staging bucket. */
  readonly bucket: string;
  /** The local cache directory. */
  readonly cacheDir: string;
  /** Only what is older than this is removed, milliseconds. */
  readonly olderThanMs: number;
  /** List what would be removed, remove nothing. */
  readonly dryRun: boolean;
}

/** What a sweep found (and, unless it was a dry run, removed). */
export interface SweepReport {
  /** Object keys. */
  readonly objects: readonly string[];
  /** Function names. */
  readonly functions: readonly string[];
  /** Local staged-task directories. */
  readonly cacheDirs: readonly string[];
  /** What could not be listed or removed, one line each. */
  readonly problems: readonly string[];
}

/**
 * Sweeps the account and the cache for leftovers of runs that never cleaned up (a killed
 * process, `cleanup = false`). It never fails: problems are reported.
 *
 * @example Preview, then remove, what is older than a day
 * ```ts
 * import { Effect } from "effect";
 * import { sweepEffect } from "@covalent/awslambda";
 * const settings = { bucket: "covalent-lambda-job-resources", cacheDir: "/home/me/.cache/covalent" };
 * const preview = sweepEffect({ ...settings, olderThanMs: 86_400_000, dryRun: true });
 * ```
 */
export const sweepEffect: (settings: SweepSettings) => Effect.Effect<SweepReport, never, S3Api | LambdaApi> =
  Effect
    .fn(
      "sweep",
    )(
      function* (settings: SweepSettings) {
        const cutoff = Date.now() - settings.olderThanMs;
        const { problems, note, noteUndeleted, recover } = makeProblemLog();
        const objects = yield* staleObjects(settings, cutoff).pipe(
          recover(`listing s3://${settings.bucket}/${KEY_PREFIX}/`, []),
        );
        const functions = yield* ourFunctions(cutoff, true).pipe(recover("listing functions", []));
        const cacheDirs = yield* Effect.tryPromise(() => staleCacheDirs(settings.cacheDir, cutoff)).pipe(
          recover(`reading ${settings.cacheDir}`, []),
        );
        if (!settings.dryRun) {
          const s3 = yield* S3Api;
          const left = yield* s3.deleteObjects(settings.bucket, objects).pipe(
            recover("deleting objects", []),
          );
          noteUndeleted(left);
          yield* Effect.forEach(
            functions,
            (name) => deleteFunction(name).pipe(Effect.catch(note(`deleting ${name}`))),
            {
              discard: true,
            },
          );
          yield* Effect.tryPromise(() => removeCacheDirs(cacheDirs)).pipe(
            Effect.catch(note("removing cache files")),
          );
        }
        return { objects, functions, cacheDirs, problems };
      },
    );

function staleObjects(settings: SweepSettings, cutoff: number): Effect.Effect<string[], unknown, S3Api> {
  return S3Api.use((s3) => s3.list(settings.bucket, `${KEY_PREFIX}/`)).pipe(
    Effect.map((objects) => objects.filter((o) => o.lastModified.getTime() < cutoff).map((o) => o.key)),
  );
}

/**
 * The executor's functions (by name prefix and tag) last changed before `cutoff`; with
 * `keepInUse`, not the shared functions of this version of the package (every executor of it
 * may be using them).
 */
export function ourFunctions(
  cutoff: number,
  keepInUse: boolean,
): Effect.Effect<string[], unknown, LambdaApi> {
  return Effect.gen(function* () {
    const lambda = yield* LambdaApi;
    const candidates = (yield* lambda.listFunctions()).filter((fn) =>
      fn.name.startsWith(FUNCTION_PREFIX) && fn.lastModified.getTime() < cutoff
    );
    const names: string[] = [];
    for (const fn of candidates) {
      // The prefix alone could match someone else's function: the tag says it is ours.
      const version = (yield* lambda.tags(fn.arn))[EXECUTOR_TAG];
      if (version === undefined) continue;
      const perRun = fn.name.startsWith(`${FUNCTION_PREFIX}t-`);
      if (keepInUse && !perRun && version === VERSION) continue;
      names.push(fn.name);
    }
    return names;
  });
}

async function staleCacheDirs(cacheDir: string, cutoff: number): Promise<string[]> {
  const root = join(cacheDir, KEY_PREFIX);
  const stale: string[] = [];
  for (const dispatch of await readdir(root).catch(() => [] as string[])) {
    for (const run of await readdir(join(root, dispatch)).catch(() => [] as string[])) {
      const dir = join(root, dispatch, run);
      if ((await stat(dir)).mtimeMs < cutoff) stale.push(dir);
    }
  }
  return stale;
}

async function removeCacheDirs(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    await rm(dir, { recursive: true, force: true });
    await rmdir(join(dir, "..")).catch(() => undefined); // only once its dispatch folder is empty
  }
}
