/**
 * The shape of one `covalent-awslambda` command; the dispatch table lists them.
 *
 * @module
 */
import type { CliIo } from "./cli_io.ts";

/** The program's name as users type it. */
export const CLI_NAME = "covalent-awslambda";

/**
 * One command: `covalent-awslambda <name> [options]`.
 *
 * @example A command of your own
 * ```ts
 * import type { CliCommand } from "@covalent/awslambda/cli";
 * const hello: CliCommand = {
 *   name: "hello",
 *   summary: "Says hello.",
 *   run: (_args, io) => {
 *     io.out("hello");
 *     return Promise.resolve(0);
 *   },
 * };
 * ```
 */
export interface CliCommand {
  /** What users type, e.g. `local`. */
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /**
   * Runs the command. It prints through `io` and returns the exit code; it never exits the
   * process itself.
   *
   * @throws {import("./usage_error.ts").CliUsageError} when the arguments are wrong (exit code 2).
   */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
