/**
 * `sweep`: finds and removes what a killed process left behind: staged objects under the
 * executor's prefix, functions carrying the executor's tag, and staged files in the cache —
 * all only when older than a threshold, so live runs are left alone.
 *
 * @module
 */
import { DeleteObjectsCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { ListTagsCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import { Effect } from "effect";
import { readdir, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { AwsClients } from "../aws/aws_clients.ts";
import { deleteFunction, EXECUTOR_TAG } from "./deploy.ts";
import { FUNCTION_PREFIX } from "./function_name.ts";
import { KEY_PREFIX } from "./stage.ts";

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
 * import { sweep } from "@covalent/awslambda";
 * const settings = { bucket: "covalent-lambda-job-resources", cacheDir: "/home/me/.cache/covalent" };
 * const preview = sweep({ ...settings, olderThanMs: 86_400_000, dryRun: true });
 * ```
 */
export const sweep: (settings: SweepSettings) => Effect.Effect<SweepReport, never, AwsClients> = Effect.fn(
  "sweep",
)(
  function* (settings: SweepSettings) {
    const cutoff = Date.now() - settings.olderThanMs;
    const problems: string[] = [];
    const note = (what: string) => (error: unknown) =>
      Effect.sync(() =>
        void problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`)
      );
    const objects = yield* staleObjects(settings, cutoff).pipe(
      Effect.catch((e) => note(`listing s3://${settings.bucket}/${KEY_PREFIX}/`)(e).pipe(Effect.as([]))),
    );
    const functions = yield* staleFunctions(cutoff).pipe(
      Effect.catch((e) => note("listing functions")(e).pipe(Effect.as([]))),
    );
    const cacheDirs = yield* Effect.tryPromise(() => staleCacheDirs(settings.cacheDir, cutoff)).pipe(
      Effect.catch((e) => note(`reading ${settings.cacheDir}`)(e).pipe(Effect.as([]))),
    );
    if (!settings.dryRun) {
      yield* deleteObjects(settings.bucket, objects).pipe(Effect.catch(note("deleting objects")));
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

function staleObjects(settings: SweepSettings, cutoff: number): Effect.Effect<string[], unknown, AwsClients> {
  return Effect.gen(function* () {
    const { s3 } = yield* AwsClients;
    return yield* Effect.tryPromise(async () => {
      const keys: string[] = [];
      const pages = paginateListObjectsV2({ client: s3 }, {
        Bucket: settings.bucket,
        Prefix: `${KEY_PREFIX}/`,
      });
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          if (object.Key && object.LastModified && object.LastModified.getTime() < cutoff) {
            keys.push(object.Key);
          }
        }
      }
      return keys;
    });
  });
}

function deleteObjects(bucket: string, keys: readonly string[]): Effect.Effect<void, unknown, AwsClients> {
  return Effect.gen(function* () {
    const { s3 } = yield* AwsClients;
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      yield* Effect.tryPromise(() =>
        s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }))
      );
    }
  });
}

function staleFunctions(cutoff: number): Effect.Effect<string[], unknown, AwsClients> {
  return Effect.gen(function* () {
    const { lambda } = yield* AwsClients;
    return yield* Effect.tryPromise(async () => {
      const names: string[] = [];
      for await (const page of paginateListFunctions({ client: lambda }, {})) {
        for (const fn of page.Functions ?? []) {
          if (!fn.FunctionName?.startsWith(FUNCTION_PREFIX) || !fn.FunctionArn) continue;
          if (!(Date.parse(fn.LastModified ?? "") < cutoff)) continue;
          // The prefix alone could match someone else's function: the tag says it is ours.
          const { Tags } = await lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn }));
          if (Tags?.[EXECUTOR_TAG] !== undefined) names.push(fn.FunctionName);
        }
      }
      return names;
    });
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
