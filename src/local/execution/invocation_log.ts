/**
 * The lines the Lambda service writes around a function's own output:
 * `START`, `END` and `REPORT`, in AWS's format.
 *
 * @module
 */

/** The figures of a REPORT line. */
export interface InvocationReport {
  /** The invocation. */
  readonly requestId: string;
  /** From delivery to answer, in ms. */
  readonly durationMs: number;
  /** The configured memory size. */
  readonly memoryMb: number;
  /** The process's peak memory so far, in MB. */
  readonly maxMemoryUsedMb: number;
  /** On a cold start: from process start to its first `/next`, in ms. */
  readonly initDurationMs?: number;
  /** `timeout` or `error` when the sandbox ended the invocation. */
  readonly status?: "timeout" | "error";
  /** With status `error`: the error type. */
  readonly errorType?: string;
}

/**
 * `START RequestId: <id> Version: $LATEST`.
 *
 * @param requestId The invocation.
 * @param version The function version.
 * @returns The line, with its newline.
 */
export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

/**
 * `END RequestId: <id>`.
 *
 * @param requestId The invocation.
 * @returns The line, with its newline.
 */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

/**
 * The tab-separated REPORT line. Billed duration is rounded up to the millisecond and, since
 * AWS bills the init phase of on-demand functions, includes the init duration.
 *
 * @param report The figures.
 * @returns The line, with its newline.
 */
export function reportLine(report: InvocationReport): string {
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.ceil(report.durationMs + (report.initDurationMs ?? 0))} ms`,
    `Memory Size: ${report.memoryMb} MB`,
    `Max Memory Used: ${Math.max(1, Math.round(report.maxMemoryUsedMb))} MB`,
  ];
  if (report.initDurationMs !== undefined) {
    fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  }
  if (report.status) fields.push(`Status: ${report.status}`);
  if (report.errorType) fields.push(`Error Type: ${report.errorType}`);
  return `${fields.join("\t")}\t\n`;
}

/** The parts of one invocation's log, in order. */
export interface InvocationLogParts {
  /** Output from before the invocation (initialization, background work of earlier ones). */
  readonly preamble: string;
  /** The invocation. */
  readonly requestId: string;
  /** The function version. */
  readonly version: string;
  /** The function's output during the invocation. */
  readonly output: string;
  /** Lines the sandbox adds when it ended the invocation (a timeout, a crash). */
  readonly trailer: string;
  /** The REPORT figures. */
  readonly report: InvocationReport;
}

/**
 * Joins an invocation's log: preamble, START, output, trailer, END, REPORT.
 *
 * @param parts The parts.
 * @returns The log text.
 */
export function invocationLog(parts: InvocationLogParts): string {
  const output = parts.output === "" || parts.output.endsWith("\n") ? parts.output : `${parts.output}\n`;
  return parts.preamble + startLine(parts.requestId, parts.version) + output + parts.trailer +
    endLine(parts.requestId) + reportLine(parts.report);
}
