/**
 * Reading durations typed on the command line: `90s`, `30m`, `2h`, `7d` (or plain seconds).
 *
 * @module
 */
import { CliUsageError } from "./usage_error.ts";

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration into milliseconds.
 *
 * @example
 * ```ts
 * parseDuration("--older-than", "2h"); // 7200000
 * ```
 *
 * @param flag The option it was given to, for the message.
 * @param text What the user typed.
 * @returns Milliseconds.
 * @throws {CliUsageError} when it is not a non-negative number with an optional unit s, m, h or d.
 */
export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  if (!match) {
    throw new CliUsageError(
      `Invalid value for ${flag}: "${text}" (expected a duration such as 90s, 30m, 2h or 7d).`,
    );
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] || "s"]);
}

/**
 * Writes milliseconds as the command line reads them back: the largest unit that divides them
 * evenly (`2h`, `30m`), else seconds (`0s`, `1.5s`).
 *
 * @example
 * ```ts
 * formatDuration(7_200_000); // "2h"
 * ```
 *
 * @param ms Milliseconds.
 * @returns The duration, as `parseDuration` accepts it.
 */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m"]) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms / UNIT_MS.s}s`;
}
