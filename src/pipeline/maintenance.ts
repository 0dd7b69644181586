/**
 * `sweep` and `uninstall` as Promise functions: the executor's options (merged with Covalent's
 * config file and the environment) plus what to remove; dry runs unless told otherwise.
 *
 * @module
 */
import { Effect } from "effect";
import { awsLayer } from "../aws/aws_layer.ts";
import type { ExecutorOptions } from "../config/executor_options.ts";
import { loadConfig } from "../config/load_config.ts";
import { sweepEffect, type SweepReport } from "./sweep.ts";
import { uninstallEffect, type UninstallReport } from "./uninstall.ts";

/**
 * Options of `sweep`.
 *
 * @example
 * ```ts
 * import type { SweepOptions } from "@covalent/awslambda";
 * const options: SweepOptions = { olderThanMs: 86_400_000, dryRun: false };
 * ```
 */
export interface SweepOptions extends ExecutorOptions {
  /**
   * Only what is older than this is removed, milliseconds.
   * @default {3600000}
   */
  readonly olderThanMs?: number;
  /**
   * List what would be removed, remove nothing.
   * @default {true}
   */
  readonly dryRun?: boolean;
}

/**
 * Options of `uninstall`.
 *
 * @example
 * ```ts
 * import type { UninstallOptions } from "@covalent/awslambda";
 * const options: UninstallOptions = { removeObjects: true, dryRun: false };
 * ```
 */
export interface UninstallOptions extends ExecutorOptions {
  /**
   * Also remove every object under `covalent-awslambda/` in the staging bucket.
   * @default {false}
   */
  readonly removeObjects?: boolean;
  /**
   * List what would be removed, remove nothing.
   * @default {true}
   */
  readonly dryRun?: boolean;
}

/**
 * Finds (and with `dryRun: false`, removes) what killed runs left behind: objects under the
 * executor's prefix, functions of runs and of other versions, kept cache files — older than
 * `olderThanMs`. The current version's shared functions stay. Rejects only when the
 * configuration or credentials are unusable; other problems are in the report.
 *
 * @example Preview, then remove, what is older than a day
 * ```ts
 * import { sweep } from "@covalent/awslambda";
 * const preview = await sweep({ olderThanMs: 86_400_000 });
 * if (preview.objects.length > 0) await sweep({ olderThanMs: 86_400_000, dryRun: false });
 * ```
 */
export async function sweep(options: SweepOptions = {}): Promise<SweepReport> {
  const { olderThanMs = 3_600_000, dryRun = true, ...executorOptions } = options;
  return await Effect.runPromise(
    loadConfig(executorOptions).pipe(
      Effect.flatMap((config) =>
        sweepEffect({ bucket: config.s3BucketName, cacheDir: config.cacheDir, olderThanMs, dryRun }).pipe(
          Effect.provide(awsLayer(config)),
        )
      ),
    ),
  );
}

/**
 * Finds (and with `dryRun: false`, removes) every function the executor created — the shared
 * ones included — and, with `removeObjects`, its objects in the staging bucket.
 *
 * @example
 * ```ts
 * import { uninstall } from "@covalent/awslambda";
 * const removed = await uninstall({ dryRun: false });
 * console.log(`removed ${removed.functions.length} functions`);
 * ```
 */
export async function uninstall(options: UninstallOptions = {}): Promise<UninstallReport> {
  const { removeObjects = false, dryRun = true, ...executorOptions } = options;
  return await Effect.runPromise(
    loadConfig(executorOptions).pipe(
      Effect.flatMap((config) =>
        uninstallEffect({ bucket: removeObjects ? config.s3BucketName : undefined, dryRun }).pipe(
          Effect.provide(awsLayer(config)),
        )
      ),
    ),
  );
}
