/**
 * `covalent-awslambda init`: sets the account up — staging bucket with its lifecycle rule, and
 * the execution role — idempotently; `--dry-run` lists every call it would make.
 *
 * @module
 */
import { Effect } from "effect";
import { awsLayer } from "../aws/aws_layer.ts";
import { loadConfig } from "../config/load_config.ts";
import { initAccount, type InitStep } from "../pipeline/init_account.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { EXECUTOR_FLAGS } from "./executor_flags.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { accountOptions, refuseArguments, runPrintingFailure } from "./command_steps.ts";

/** The options of `init`. */
export const INIT_FLAGS: readonly FlagSpec[] = [
  { name: "dry-run", description: "List every call it would make; change nothing" },
  { name: "json", description: "Print the steps as JSON: [{ what, ok, outcome }]" },
  ...EXECUTOR_FLAGS,
  { name: "help", short: "h", description: "Show this help" },
];

/** The help text of `init`. */
export const INIT_HELP: string = [
  `Usage: ${CLI_NAME} init [--dry-run] [options]`,
  "",
  "Sets the account up for the executor, and only adds what is missing (run it again any time):",
  "  - the staging bucket, in the configured region, owned by you;",
  "  - a lifecycle rule on it that removes objects under covalent-awslambda/ after a day",
  "    (the safety net for killed processes; your other rules are kept);",
  "  - the execution role, which Lambda may assume, with AWSLambdaBasicExecutionRole (logs only:",
  "    the function needs no other permission).",
  "Exit codes: 0 everything is in place, 1 a step failed, 2 the command line is wrong.",
  "",
  "Options:",
  flagsHelp(INIT_FLAGS),
].join("\n");

/** The `init` command. */
export const initCommand: CliCommand = {
  name: "init",
  summary: "Create the staging bucket (with its lifecycle rule) and the execution role",
  run: runInit,
};

async function runInit(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("init", argv, INIT_FLAGS);
  if (values.has("help")) {
    io.out(INIT_HELP);
    return 0;
  }
  refuseArguments("init", positionals);
  const options = accountOptions(
    values,
    "init sets up a real account or a running endpoint; the embedded local AWS needs none.",
  );
  const dryRun = values.has("dry-run");
  const program = loadConfig(options).pipe(
    Effect.flatMap((config) => initAccount(config, { dryRun }).pipe(Effect.provide(awsLayer(config)))),
  );
  const outcome = await runPrintingFailure(io, program);
  if (outcome === undefined) return 1;
  const steps = outcome.value;
  if (values.has("json")) io.out(JSON.stringify(steps, null, 2));
  else for (const step of steps) io.out(stepLine(step));
  return steps.every((step) => step.ok) ? 0 : 1;
}

function stepLine(step: InitStep): string {
  return `${step.ok ? "✓" : "✗"} ${step.what.padEnd(15)}${step.outcome}`;
}
