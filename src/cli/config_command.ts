/**
 * `covalent-awslambda config`: the effective configuration, each value with where it came
 * from (the default, the config file and line, an environment variable, or a flag).
 *
 * @module
 */
import { CONFIG_KEYS } from "../config/config_keys.ts";
import { describeSource } from "../config/config_source.ts";
import type { ExecutorConfig } from "../config/executor_config.ts";
import { loadConfig } from "../config/load_config.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { EXECUTOR_FLAGS, executorOptionsFrom } from "./executor_flags.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { refuseArguments, runPrintingFailure } from "./command_steps.ts";

/** The options of `config`. */
export const CONFIG_FLAGS: readonly FlagSpec[] = [
  { name: "json", description: "Print the configuration as JSON: { key: { value, source } }" },
  ...EXECUTOR_FLAGS,
  { name: "help", short: "h", description: "Show this help" },
];

/** The help text of `config`. */
export const CONFIG_HELP: string = [
  `Usage: ${CLI_NAME} config [options]`,
  "",
  "Prints the configuration the executor would use, each key with its value and where the",
  "value came from: the default, Covalent's config file (with its line), an environment",
  "variable, or a flag of this command. Nothing is contacted.",
  "",
  "Options:",
  flagsHelp(CONFIG_FLAGS),
].join("\n");

/** The `config` command. */
export const configCommand: CliCommand = {
  name: "config",
  summary: "Show the effective configuration and where each value came from",
  run: runConfig,
};

async function runConfig(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("config", argv, CONFIG_FLAGS);
  if (values.has("help")) {
    io.out(CONFIG_HELP);
    return 0;
  }
  refuseArguments("config", positionals);
  const outcome = await runPrintingFailure(io, loadConfig(executorOptionsFrom(values)));
  if (outcome === undefined) return 1;
  const rows = configRows(outcome.value);
  if (values.has("json")) {
    io.out(
      JSON.stringify(
        Object.fromEntries(rows.map((r) => [r.key, { value: r.value, source: r.source }])),
        null,
        2,
      ),
    );
    return 0;
  }
  const keyWidth = Math.max(...rows.map((r) => r.key.length)) + 2;
  const valueWidth = Math.min(48, Math.max(...rows.map((r) => r.shown.length)) + 2);
  for (const row of rows) io.out(`${row.key.padEnd(keyWidth)}${row.shown.padEnd(valueWidth)}${row.source}`);
  return 0;
}

/** The command line's names for the options its flags set. */
const FLAG_NAMES: Readonly<Record<string, string>> = {
  s3BucketName: "bucket",
  lambdaRoleName: "role",
  configFile: "config",
};

interface ConfigRow {
  readonly key: string;
  readonly value: unknown;
  readonly shown: string;
  readonly source: string;
}

/** One row per key, named as in Covalent's config file, options flags turned into words. */
function configRows(config: ExecutorConfig): ConfigRow[] {
  return CONFIG_KEYS.map((spec) => {
    const value = (config as unknown as Record<string, unknown>)[spec.option];
    const source = config.sources[spec.option];
    return {
      key: spec.toml,
      value: value ?? null,
      shown: value === undefined ? "(not set)" : String(value),
      source: source === undefined
        ? "the default"
        : source.kind === "option"
        ? `flag --${FLAG_NAMES[source.name] ?? source.name}`
        : describeSource(source),
    };
  });
}
