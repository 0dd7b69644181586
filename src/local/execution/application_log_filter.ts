/**
 * The filter Lambda applies to a JSON-format function's own output, whatever wrote it: each
 * line is taken at the level its JSON object's `"level"` member names (any case), or at INFO
 * when it is not a JSON object with a valid level, and lines below the function's
 * `ApplicationLogLevel` are dropped (S: DOC lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html:
 * "your function code must output log events to stdout or stderr as JSON formatted objects
 * that contain a key value pair with the key "level" … If the "level" value field is invalid
 * or missing, Lambda will assign the log output the level INFO"). The console's own lines
 * already carry their level (see `bootstrap/console_patch.ts`), so raw `process.stdout.write`
 * output and JSON loggers are filtered the same way. With the text format nothing is filtered.
 *
 * @module
 */
import { APPLICATION_LOG_LEVELS as LEVELS } from "../lambda/logging_config.ts";

/**
 * Keeps the lines of a function's output at or above its application log level.
 *
 * @example
 * ```ts
 * keepApplicationLines('{"level":"debug","msg":"x"}\nplain\n{"level":"ERROR"}\n', "WARN");
 * // '{"level":"ERROR"}\n'
 * ```
 *
 * @param output The output, lines ending with `\n` (a last line may lack it).
 * @param applicationLogLevel The function's level; undefined (text format) keeps everything.
 * @returns The lines kept, in order.
 */
export function keepApplicationLines(output: string, applicationLogLevel: string | undefined): string {
  const minimum = LEVELS.indexOf(applicationLogLevel ?? "");
  if (minimum < 0) return output;
  // Lines without a level are INFO: at INFO or below only a line naming a lower level can go,
  // and most invocations' output names none (every console line names its level).
  if (minimum <= LEVELS.indexOf("INFO") && !BELOW[minimum].test(output)) return output;
  return output.split(/(?<=\n)/).filter((line) => LEVELS.indexOf(levelOf(line)) >= minimum).join("");
}

/** By minimum level: whether some text names, as a `"level"`, a level below it (any case). */
const BELOW: readonly RegExp[] = LEVELS.map((_, minimum) =>
  minimum === 0 ? /(?!)/ : new RegExp(`"level"\\s*:\\s*"(?:${LEVELS.slice(0, minimum).join("|")})"`, "i")
);

function levelOf(line: string): string {
  if (!line.trimStart().startsWith("{")) return "INFO";
  try {
    const level = JSON.parse(line)?.level;
    const name = typeof level === "string" ? level.toUpperCase() : "";
    return LEVELS.includes(name) ? name : "INFO";
  } catch {
    return "INFO";
  }
}
