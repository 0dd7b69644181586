/**
 * Pure parsing of `--name value`, `--name=value` and boolean `--name` options against a
 * table of option specs. It never touches the process, so every case is table-tested.
 *
 * @module
 */
import { CliUsageError } from "./usage_error.ts";

/** One option a command accepts. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `port`. */
  readonly name: string;
  /** One-letter alias without the dash, e.g. `h`. */
  readonly short?: string;
  /** Placeholder of its value in help, e.g. `<n>`; absent for a boolean switch. */
  readonly value?: string;
  /** When set, the value must be an integer in this range. */
  readonly integer?: { readonly min: number; readonly max: number };
  /** What it does, for help. */
  readonly description: string;
}

/** What a command line held. */
export interface ParsedFlags {
  /** Option values by long name: text, an integer, or `true` for a switch. Last one wins. */
  readonly values: ReadonlyMap<string, string | number | true>;
  /** Arguments that are not options (and everything after `--`). */
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments.
 *
 * @example
 * ```ts
 * const specs = [{ name: "port", value: "<n>", integer: { min: 0, max: 65535 }, description: "Port" }];
 * parseFlags("local", ["--port=0"], specs).values.get("port"); // 0
 * ```
 *
 * @param command The command's name, for messages.
 * @param args The arguments after the command name.
 * @param specs The options it accepts.
 * @returns The values and the positional arguments.
 * @throws {CliUsageError} for an unknown option, a missing value or an invalid integer.
 */
export function parseFlags(
  command: string,
  args: readonly string[],
  specs: readonly FlagSpec[],
): ParsedFlags {
  const values = new Map<string, string | number | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const written = equals < 0 ? arg : arg.slice(0, equals);
    const spec = specs.find((candidate) =>
      written === `--${candidate.name}` ||
      (candidate.short !== undefined && written === `-${candidate.short}`)
    );
    if (spec === undefined) throw new CliUsageError(`Unknown option "${written}" for "${command}".`);
    if (spec.value === undefined) {
      if (equals >= 0) throw new CliUsageError(`Option ${written} takes no value, got "${arg}".`);
      values.set(spec.name, true);
      continue;
    }
    let text: string;
    if (equals >= 0) text = arg.slice(equals + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) text = args[++i];
    else throw new CliUsageError(`Option ${written} needs a value ${spec.value}.`);
    values.set(spec.name, spec.integer === undefined ? text : readInteger(written, text, spec.integer));
  }
  return { values, positionals };
}

/**
 * Renders the options table of a command's help.
 *
 * @param specs The options.
 * @returns One aligned line per option.
 */
export function flagsHelp(specs: readonly FlagSpec[]): string {
  const labels = specs.map((spec) =>
    `${spec.short === undefined ? "    " : `-${spec.short}, `}--${spec.name}${
      spec.value === undefined ? "" : ` ${spec.value}`
    }`
  );
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  return specs.map((spec, i) => `  ${labels[i].padEnd(width)}${spec.description}`).join("\n");
}

function readInteger(written: string, text: string, range: { min: number; max: number }): number {
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new CliUsageError(
      `Invalid value for ${written}: "${text}" (expected an integer from ${range.min} to ${range.max}).`,
    );
  }
  return value;
}
