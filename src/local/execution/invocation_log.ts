/**
 * The lines the Lambda service writes around a function's own output: `INIT_REPORT`, `START`,
 * `END` and `REPORT`, in AWS's current text format, or as the `platform.*` JSON records of
 * `LoggingConfig.LogFormat: JSON` (see `platform_records.ts`).
 *
 * Since 2025 AWS writes no separate "Task timed out" or "Runtime exited" lines: a timeout or a
 * crash shows only as `Status:` and `Error Type:` fields of the REPORT line (S: a CloudWatch
 * query in github DataBiosphere/azul#8140, 2026: `…Max Memory Used: 1201 MB\tStatus: timeout`).
 *
 * @module
 */
import { platformRecord } from "./platform_records.ts";

/** `Text` (the default) or `JSON`, as `LoggingConfig.LogFormat` says. */
export type LogFormat = "Text" | "JSON";

/** The figures of a REPORT line. */
export interface InvocationReport {
  /** The invocation. */
  readonly requestId: string;
  /** From delivery to answer, in ms (with an init retried in the invoke: from its start). */
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

/** The figures of an INIT_REPORT line: an init that failed or ran out of time. */
export interface InitReport {
  /** How long the init ran, in ms. */
  readonly durationMs: number;
  /** `init`: the init phase; `invoke`: its retry inside the invocation. */
  readonly phase: "init" | "invoke";
  /** How it ended. */
  readonly status: "timeout" | "error";
  /** With status `error`: the error type (see `initErrorType`). */
  readonly errorType?: string;
}

/**
 * The error type AWS reports for a failed init: a `Runtime.*` type as itself, anything else
 * (a module's own `Error`, `TypeError`…) as `Runtime.Unknown` (S: issue 9, a nodejs init that
 * threw reports `Error Type: Runtime.Unknown`; a syntax error reports
 * `Runtime.UserCodeSyntaxError`, from a real AWS console log).
 *
 * @param errorType The type the runtime reported, if any.
 * @returns The type for INIT_REPORT and REPORT.
 */
export function initErrorType(errorType: string | undefined): string {
  return errorType?.startsWith("Runtime.") ? errorType : "Runtime.Unknown";
}

/**
 * `INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: …`.
 *
 * @param report The figures.
 * @param format The log format.
 * @returns The line, with its newline.
 */
export function initReportLine(report: InitReport, format: LogFormat = "Text"): string {
  if (format === "JSON") return platformRecord.initReport(report);
  const fields = [
    `INIT_REPORT Init Duration: ${report.durationMs.toFixed(2)} ms`,
    `Phase: ${report.phase}`,
    `Status: ${report.status}`,
  ];
  if (report.errorType) fields.push(`Error Type: ${report.errorType}`);
  return `${fields.join("\t")}\n`;
}

/**
 * `START RequestId: <id> Version: $LATEST`.
 *
 * @param requestId The invocation.
 * @param version The function version.
 * @param format The log format.
 * @returns The line, with its newline.
 */
export function startLine(requestId: string, version: string, format: LogFormat = "Text"): string {
  if (format === "JSON") return platformRecord.start(requestId, version);
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

/**
 * `END RequestId: <id>` (JSON: `platform.runtimeDone`).
 *
 * @param requestId The invocation.
 * @param status How the invocation ended, for the JSON record.
 * @param format The log format.
 * @returns The line, with its newline.
 */
export function endLine(
  requestId: string,
  status: InvocationReport["status"] = undefined,
  format: LogFormat = "Text",
): string {
  if (format === "JSON") return platformRecord.runtimeDone(requestId, status);
  return `END RequestId: ${requestId}\n`;
}

/**
 * Billed duration: rounded up to the millisecond and, since AWS bills the init phase of
 * on-demand functions, including the init duration.
 *
 * @param report The figures.
 * @returns Whole milliseconds.
 */
export function billedDurationMs(report: InvocationReport): number {
  return Math.ceil(report.durationMs + (report.initDurationMs ?? 0));
}

/**
 * The tab-separated REPORT line.
 *
 * @param report The figures.
 * @param format The log format.
 * @returns The line, with its newline.
 */
export function reportLine(report: InvocationReport, format: LogFormat = "Text"): string {
  if (format === "JSON") return platformRecord.report(report, billedDurationMs(report));
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(report)} ms`,
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
  /** Output from before the invocation (initialization, INIT_REPORT lines, earlier work). */
  readonly preamble: string;
  /** The invocation. */
  readonly requestId: string;
  /** The function version. */
  readonly version: string;
  /** The function's output during the invocation. */
  readonly output: string;
  /** The REPORT figures. */
  readonly report: InvocationReport;
  /** @default {"Text"} */
  readonly format?: LogFormat;
}

/**
 * Joins an invocation's log: preamble, START, output, END, REPORT.
 *
 * @param parts The parts.
 * @returns The log text.
 */
export function invocationLog(parts: InvocationLogParts): string {
  const format = parts.format ?? "Text";
  const output = parts.output === "" || parts.output.endsWith("\n") ? parts.output : `${parts.output}\n`;
  return parts.preamble + startLine(parts.requestId, parts.version, format) + output +
    endLine(parts.requestId, parts.report.status, format) + reportLine(parts.report, format);
}
