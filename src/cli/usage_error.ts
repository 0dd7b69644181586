/**
 * The error of a command line that cannot be understood (exit code 2).
 *
 * @module
 */

/**
 * The arguments were wrong: an unknown option, a missing or invalid value. The entry point
 * prints the message with a pointer to `--help` and exits with code 2.
 *
 * @example
 * ```ts
 * throw new CliUsageError('Unknown option "--prot".');
 * ```
 */
export class CliUsageError extends Error {
  /** Always `"CliUsageError"`. */
  readonly _tag = "CliUsageError" as const;

  /**
   * Makes the error.
   *
   * @param message What was wrong, naming the argument.
   */
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}
