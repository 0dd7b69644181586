/**
 * `covalent-awslambda sweep`: removes what killed runs left behind — staged objects,
 * functions tagged by the executor, staged files in the cache — older than a threshold.
 *
 * @module
 */
import { Effect } from "effect";
import { awsLayer } from "../aws/aws_layer.ts";
import type { ExecutorOptions } from "../config/executor_options.ts";
import { loadConfig } from "../config/load_config.ts";
import { sweepEffect, type SweepReport } from "../pipeline/sweep.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { EXECUTOR_FLAGS } from "./executor_flags.ts";
import { formatDuration, parseDuration } from "./parse_duration.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { accountOptions, refuseArguments, runPrintingFailure } from "./command_steps.ts";

/** The options of `sweep`. */
export const SWEEP_FLAGS: readonly FlagSpec[] = [
  {
    name: "older-than",
    value: "<duration>",
    description: "Only remove what is older (90s, 30m, 2h, 7d; default: 1h)",
  },
  { name: "yes", short: "y", description: "Remove what is found (without it, only list it)" },
  { name: "dry-run", description: "Only list what would be removed (the default)" },
  { name: "json", description: "Print the report as JSON" },
  ...EXECUTOR_FLAGS,
  { name: "help", short: "h", description: "Show this help" },
];

/** What `sweep`'s arguments ask for. */
export type SweepArgs =
  | { readonly help: true }
  | {
    readonly help: false;
    readonly olderThanMs: number;
    readonly dryRun: boolean;
    /** Print the report as JSON. */
    readonly json: boolean;
    readonly options: ExecutorOptions;
  };

/**
 * Parses `sweep`'s arguments (pure).
 *
 * @example
 * ```ts
 * parseSweepArgs(["--older-than", "2h", "--dry-run"]); // { help: false, olderThanMs: 7200000, dryRun: true, options: {} }
 * ```
 *
 * @param args The arguments after `sweep`.
 * @returns What to do.
 * @throws {CliUsageError} for unknown options, bad values, stray arguments or `--endpoint local`.
 */
export function parseSweepArgs(args: readonly string[]): SweepArgs {
  const { values, positionals } = parseFlags("sweep", args, SWEEP_FLAGS);
  if (values.has("help")) return { help: true };
  refuseArguments("sweep", positionals);
  const olderThan = values.get("older-than") as string | undefined;
  const options = accountOptions(
    values,
    "sweep cleans a real account or a running endpoint; an embedded local AWS has nothing to sweep.",
  );
  return {
    help: false,
    olderThanMs: olderThan === undefined ? 3_600_000 : parseDuration("--older-than", olderThan),
    dryRun: values.has("dry-run") || !values.has("yes"),
    json: values.has("json"),
    options,
  };
}

/** The help text of `sweep`. */
export const SWEEP_HELP: string = [
  `Usage: ${CLI_NAME} sweep [options]`,
  "",
  "Finds what runs that never cleaned up left behind (a killed process, cleanup = false):",
  "objects under covalent-awslambda/ in the staging bucket, functions of runs",
  "(function_per_task) and shared functions of other versions of this package, and kept files",
  "in the cache directory. It only lists them unless --yes is given. Only what is older than",
  "--older-than counts, so runs in progress are left alone, and the shared functions of this",
  "version are never removed (every executor may be using them; `uninstall` removes them).",
  "Settings come from Covalent's config file and the environment, as for the executor.",
  "",
  "Options:",
  flagsHelp(SWEEP_FLAGS),
].join("\n");

/** The `sweep` command. */
export const sweepCommand: CliCommand = {
  name: "sweep",
  summary: "Remove objects, functions and cache files left behind by killed runs",
  run: runSweep,
};

async function runSweep(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseSweepArgs(args);
  if (request.help) {
    io.out(SWEEP_HELP);
    return 0;
  }
  const program = Effect.gen(function* () {
    const config = yield* loadConfig(request.options);
    const report = yield* sweepEffect({
      bucket: config.s3BucketName,
      cacheDir: config.cacheDir,
      olderThanMs: request.olderThanMs,
      dryRun: request.dryRun,
    }).pipe(Effect.provide(awsLayer(config)));
    return { report, bucket: config.s3BucketName };
  });
  const outcome = await runPrintingFailure(io, program);
  if (outcome === undefined) return 1;
  const { report, bucket } = outcome.value;
  io.out(
    request.json
      ? JSON.stringify({ dryRun: request.dryRun, olderThanMs: request.olderThanMs, ...report }, null, 2)
      : describeReport(report, bucket, request.dryRun, request.olderThanMs),
  );
  return report.problems.length > 0 ? 1 : 0;
}

function describeReport(report: SweepReport, bucket: string, dryRun: boolean, olderThanMs: number): string {
  const found = report.objects.length + report.functions.length + report.cacheDirs.length;
  if (found === 0 && report.problems.length === 0) {
    const age = formatDuration(olderThanMs);
    return `Nothing to sweep: no leftovers older than ${age} in s3://${bucket}, Lambda or the cache.`;
  }
  const verb = dryRun ? "Would remove" : "Removed";
  const list = (items: readonly string[]) => items.map((item) => `  ${item}`);
  return [
    `${verb} ${report.objects.length} object(s) in s3://${bucket}:`,
    ...list(report.objects),
    `${verb} ${report.functions.length} function(s):`,
    ...list(report.functions),
    `${verb} ${report.cacheDirs.length} staged folder(s) in the cache:`,
    ...list(report.cacheDirs),
    ...(report.problems.length > 0 ? ["Problems:", ...list(report.problems)] : []),
    ...(dryRun && found > 0 ? ["Run again with --yes to remove them."] : []),
  ].join("\n");
}
