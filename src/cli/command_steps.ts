/**
 * Steps every command takes alike: refusing stray arguments, reading the executor options a
 * command that works on an account needs, and running its program with a failure printed as the
 * error's own message (exit code 1).
 *
 * @module
 */
import { Effect } from "effect";
import type { ExecutorOptions } from "../config/executor_options.ts";
import type { CliIo } from "./cli_io.ts";
import { executorOptionsFrom } from "./executor_flags.ts";
import { CliUsageError } from "./usage_error.ts";

/**
 * Refuses arguments that are not options.
 *
 * @param command The command, for the message.
 * @param positionals What the flag parser left over.
 * @throws {CliUsageError} naming the first stray argument.
 */
export function refuseArguments(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) {
    throw new CliUsageError(`Unexpected argument "${positionals[0]}" for "${command}".`);
  }
}

/**
 * The executor options of a command that works on a real account or a running endpoint, which
 * an embedded local AWS (gone when the command ends) cannot be.
 *
 * @param values The parsed flags.
 * @param refusal What to say to `--endpoint local`: why the command has nothing to do there.
 * @returns The options.
 * @throws {CliUsageError} with `refusal` for `--endpoint local`.
 */
export function accountOptions(
  values: ReadonlyMap<string, string | number | true>,
  refusal: string,
): ExecutorOptions {
  const options = executorOptionsFrom(values);
  if (options.endpoint === "local") throw new CliUsageError(refusal);
  return options;
}

/**
 * Runs a command's program; a failure is printed to stderr as its message.
 *
 * @param io Where to print.
 * @param program The program.
 * @returns Its value, or `undefined` once a failure was printed (the command exits 1).
 */
export async function runPrintingFailure<A, E extends { readonly message: string }>(
  io: CliIo,
  program: Effect.Effect<A, E>,
): Promise<{ readonly value: A } | undefined> {
  const outcome = await Effect.runPromise(Effect.result(program));
  if (outcome._tag === "Success") return { value: outcome.success };
  io.err(outcome.failure.message);
  return undefined;
}
