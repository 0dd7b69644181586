/**
 * Reading Lambda's REPORT line (from the log tail an Invoke with `LogType: Tail` returns):
 * the exact billed duration and memory of one invocation, rather than an estimate.
 *
 * @module
 */

/**
 * What a REPORT line says about one invocation.
 *
 * @example
 * ```ts
 * import type { InvocationReport } from "@covalent/awslambda";
 * const gbSeconds = (r: InvocationReport) => (r.billedMs / 1000) * (r.memoryMb / 1024);
 * ```
 */
export interface InvocationReport {
  /** Run time, ms. */
  readonly durationMs: number;
  /** Billed time, ms (Lambda bills by the millisecond, init included when there was one). */
  readonly billedMs: number;
  /** Configured memory, MB. */
  readonly memoryMb: number;
  /** Peak memory used, MB. */
  readonly maxMemoryUsedMb: number;
  /** Init time of a cold start, ms. */
  readonly initDurationMs?: number;
}

const FIELD_NAMES = [
  "Duration",
  "Billed Duration",
  "Memory Size",
  "Max Memory Used",
  "Init Duration",
] as const;
/** One pattern per field, made once: this runs for every invocation. */
const FIELDS = new Map(FIELD_NAMES.map((name) => [name, new RegExp(`${name}: ([\\d.]+) (?:ms|MB)`)]));

/**
 * Finds the last REPORT line in a log tail and reads it; undefined when there is none (the
 * tail holds the last 4 KB only, and an invocation that printed more may have pushed it out).
 *
 * @param logTail The decoded log tail.
 * @returns The figures, if a complete REPORT line is there.
 */
export function readReportLine(logTail: string): InvocationReport | undefined {
  const start = reportLineStart(logTail);
  if (start < 0) return undefined;
  const end = logTail.indexOf("\n", start);
  const line = logTail.slice(start, end < 0 ? undefined : end);
  const read = (name: typeof FIELD_NAMES[number]) => {
    const match = FIELDS.get(name)!.exec(line);
    return match ? Number(match[1]) : undefined;
  };
  const durationMs = read("Duration");
  const billedMs = read("Billed Duration");
  const memoryMb = read("Memory Size");
  const maxMemoryUsedMb = read("Max Memory Used");
  if (
    durationMs === undefined || billedMs === undefined || memoryMb === undefined ||
    maxMemoryUsedMb === undefined
  ) {
    return undefined;
  }
  const initDurationMs = read("Init Duration");
  return initDurationMs === undefined
    ? { durationMs, billedMs, memoryMb, maxMemoryUsedMb }
    : { durationMs, billedMs, memoryMb, maxMemoryUsedMb, initDurationMs };
}

/** Where the last line starting with `REPORT RequestId:` starts, or -1. */
function reportLineStart(logTail: string): number {
  let at = logTail.lastIndexOf("REPORT RequestId:");
  while (at > 0 && logTail[at - 1] !== "\n") at = logTail.lastIndexOf("REPORT RequestId:", at - 1);
  return at;
}
