/**
 * `covalent-awslambda doctor`: one line per check with ✓ or ✗ and, for ✗, the fix; exits 1 on
 * any ✗ so scripts can rely on it.
 *
 * @module
 */
import { Effect } from "effect";
import { loadConfig } from "../config/load_config.ts";
import { type Check, diagnose } from "../pipeline/diagnose.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { EXECUTOR_FLAGS, executorOptionsFrom } from "./executor_flags.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { refuseArguments, runPrintingFailure } from "./command_steps.ts";

/** The options of `doctor`. */
export const DOCTOR_FLAGS: readonly FlagSpec[] = [
  { name: "json", description: "Print the checks as JSON: [{ name, ok, detail, fix? }]" },
  ...EXECUTOR_FLAGS,
  { name: "help", short: "h", description: "Show this help" },
];

/** The help text of `doctor`. */
export const DOCTOR_HELP: string = [
  `Usage: ${CLI_NAME} doctor [options]`,
  "",
  "Checks everything a run needs, in order: credentials and the account they belong to, the",
  "region, the staging bucket (exists, is yours, is in the region, is writable), the execution",
  "role (exists, Lambda may assume it), Lambda (reachable, the account's concurrency), and a",
  "round-trip task. Prints one line per check, with the fix for each failure. Exit codes: 0 all",
  "fine, 1 a check failed, 2 the command line is wrong.",
  "",
  "Options:",
  flagsHelp(DOCTOR_FLAGS),
].join("\n");

/** The `doctor` command. */
export const doctorCommand: CliCommand = {
  name: "doctor",
  summary: "Check credentials, region, bucket, role and Lambda, with the fix for each problem",
  run: runDoctor,
};

async function runDoctor(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("doctor", argv, DOCTOR_FLAGS);
  if (values.has("help")) {
    io.out(DOCTOR_HELP);
    return 0;
  }
  refuseArguments("doctor", positionals);
  const loaded = await runPrintingFailure(io, loadConfig(executorOptionsFrom(values)));
  if (loaded === undefined) return 1;
  const checks = await Effect.runPromise(diagnose(loaded.value));
  if (values.has("json")) io.out(JSON.stringify(checks, null, 2));
  else for (const check of checks) io.out(checkLine(check));
  return checks.every((check) => check.ok) ? 0 : 1;
}

/** `✓ name  detail`, or `✗ name  detail` and an indented `fix:` line. */
export function checkLine(check: Check): string {
  const head = `${check.ok ? "✓" : "✗"} ${check.name.padEnd(16)}${check.detail}`;
  return check.fix ? `${head}\n  fix: ${check.fix.replaceAll("\n", "\n  ")}` : head;
}
