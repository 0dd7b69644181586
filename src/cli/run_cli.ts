/**
 * Running `covalent-awslambda` with arguments: picks the command from the dispatch table,
 * prints help and usage errors, and turns the outcome into an exit code.
 *
 * @module
 */
import { VERSION } from "../version.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { COMMANDS } from "./commands.ts";
import { CliUsageError } from "./usage_error.ts";

/**
 * The top-level help.
 *
 * @param commands The commands to list.
 * @returns The help text.
 *
 * @example Print the help
 * ```ts
 * import { cliHelp } from "@covalent/awslambda/cli";
 * console.log(cliHelp());
 * ```
 */
export function cliHelp(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    `Usage: ${CLI_NAME} <command> [options]`,
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    "",
    "Options:",
    "  -h, --help       Show this help (or a command's help: <command> --help)",
    "  -V, --version    Show the version",
  ].join("\n");
}

/**
 * Runs the command line. Exit codes: 0 success, 1 failure, 2 usage error.
 *
 * @example Run it as the entry point does
 * ```ts
 * import { processIo, runCli } from "@covalent/awslambda/cli";
 * const code = await runCli(["local", "--port", "0"], processIo((c) => process.exit(c)));
 * ```
 *
 * @param args The arguments after the program name (`process.argv.slice(2)`).
 * @param io Where to print and how to learn of a stop request.
 * @param commands The dispatch table.
 * @returns The exit code; the caller exits the process with it.
 */
export async function runCli(
  args: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    io.err(cliHelp(commands));
    return 2;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    io.out(cliHelp(commands));
    return 0;
  }
  if (first === "--version" || first === "-V") {
    io.out(VERSION);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) {
    const what = first.startsWith("-") ? "option" : "command";
    io.err(`${CLI_NAME}: unknown ${what} "${first}". Run "${CLI_NAME} --help" for the commands.`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(
        `${CLI_NAME} ${command.name}: ${error.message}\nRun "${CLI_NAME} ${command.name} --help" for usage.`,
      );
      return 2;
    }
    io.err(`${CLI_NAME} ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
