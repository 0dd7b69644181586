/**
 * The dispatch table of `covalent-awslambda`: add a command by adding it here.
 *
 * @module
 */
import type { CliCommand } from "./cli_command.ts";
import { configCommand } from "./config_command.ts";
import { doctorCommand } from "./doctor_command.ts";
import { initCommand } from "./init_command.ts";
import { localCommand } from "./local_command.ts";
import { runCommand } from "./run_command.ts";
import { sweepCommand } from "./sweep_command.ts";
import { uninstallCommand } from "./uninstall_command.ts";

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  initCommand,
  doctorCommand,
  runCommand,
  configCommand,
  localCommand,
  sweepCommand,
  uninstallCommand,
];
