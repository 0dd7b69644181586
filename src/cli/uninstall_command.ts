/**
 * `covalent-awslambda uninstall`: removes every function the executor created (the shared ones
 * included) and, with `--bucket`, its objects in that bucket. Lists only, unless `--yes`.
 *
 * @module
 */
import { Effect } from "effect";
import { awsLayer } from "../aws/aws_layer.ts";
import { loadConfig } from "../config/load_config.ts";
import { uninstallEffect, type UninstallReport } from "../pipeline/uninstall.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { EXECUTOR_FLAGS } from "./executor_flags.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { accountOptions, refuseArguments, runPrintingFailure } from "./command_steps.ts";

/** The options of `uninstall`. */
export const UNINSTALL_FLAGS: readonly FlagSpec[] = [
  { name: "yes", short: "y", description: "Remove what is found (without it, only list it)" },
  { name: "json", description: "Print the report as JSON" },
  ...EXECUTOR_FLAGS.map((flag) =>
    flag.name === "bucket"
      ? { ...flag, description: "Also remove the executor's objects (covalent-awslambda/…) in this bucket" }
      : flag
  ),
  { name: "help", short: "h", description: "Show this help" },
];

/** The help text of `uninstall`. */
export const UNINSTALL_HELP: string = [
  `Usage: ${CLI_NAME} uninstall [--yes] [--bucket <name>] [options]`,
  "",
  "Finds every Lambda function the executor created in the account and region — the shared",
  "functions of every version included — and, with --bucket, every object under",
  "covalent-awslambda/ in that bucket. It only lists them unless --yes is given. The bucket and",
  "the execution role are yours and stay.",
  "",
  "Options:",
  flagsHelp(UNINSTALL_FLAGS),
].join("\n");

/** The `uninstall` command. */
export const uninstallCommand: CliCommand = {
  name: "uninstall",
  summary: "Remove the executor's functions (and with --bucket its objects) from the account",
  run: runUninstall,
};

async function runUninstall(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("uninstall", argv, UNINSTALL_FLAGS);
  if (values.has("help")) {
    io.out(UNINSTALL_HELP);
    return 0;
  }
  refuseArguments("uninstall", positionals);
  const options = accountOptions(
    values,
    "uninstall cleans a real account or a running endpoint; an embedded local AWS has nothing to remove.",
  );
  const dryRun = !values.has("yes");
  const program = loadConfig(options).pipe(
    Effect.flatMap((config) =>
      uninstallEffect({ bucket: options.s3BucketName, dryRun }).pipe(Effect.provide(awsLayer(config)))
    ),
  );
  const outcome = await runPrintingFailure(io, program);
  if (outcome === undefined) return 1;
  const report = outcome.value;
  io.out(
    values.has("json")
      ? JSON.stringify({ dryRun, ...report }, null, 2)
      : describe(report, dryRun, options.s3BucketName),
  );
  return report.problems.length > 0 ? 1 : 0;
}

function describe(report: UninstallReport, dryRun: boolean, bucket: string | undefined): string {
  const verb = dryRun ? "Would remove" : "Removed";
  const list = (items: readonly string[]) => items.map((item) => `  ${item}`);
  return [
    `${verb} ${report.functions.length} function(s):`,
    ...list(report.functions),
    ...(bucket === undefined
      ? []
      : [`${verb} ${report.objects.length} object(s) in s3://${bucket}:`, ...list(report.objects)]),
    ...(report.problems.length > 0 ? ["Problems:", ...list(report.problems)] : []),
    ...(dryRun && report.functions.length + report.objects.length > 0
      ? ["Run again with --yes to remove them."]
      : []),
  ].join("\n");
}
