/**
 * The lines the Lambda service writes around a function's own output: `INIT_START`,
 * `INIT_REPORT`, `START`, `END` and `REPORT`, in AWS's current text format, or as the
 * `platform.*` JSON records of `LoggingConfig.LogFormat: JSON`, filtered by the function's
 * `SystemLogLevel` (see `platform_records.ts`).
 *
 * `INIT_START Runtime Version: nodejs:22.v48\tRuntime Version ARN: arn:aws:lambda:…` opens the
 * log of every new execution environment, before the output of its init (S: real CloudWatch
 * logs quoted in public repositories, 2023–2026). It is part of the first invocation's
 * `LogType: Tail` log:
 * the `LogResult` of a cold invocation of a JSON-format function, decoded in a public
 * repository (2024-05), starts with `platform.initStart`, then the init records, then
 * `platform.start`. An init retried inside an invocation opens with its own INIT_START, as
 * AWS's runtime interface emulator sends `initStart` for every init, in either phase (S: RIE
 * `internal/lambda/rapid/handlers.go` `doRuntimeDomainInit`).
 *
 * Since 2025 AWS writes no separate "Task timed out" or "Runtime exited" lines: a timeout or a
 * crash shows only as `Status:` and `Error Type:` fields of the REPORT line (S: a CloudWatch
 * query in github DataBiosphere/azul#8140, 2026: `…Max Memory Used: 1201 MB\tStatus: timeout`).
 *
 * @module
 */
import {
  type InitStart,
  type PlatformLine,
  platformRecord,
  type RuntimeDone,
  systemLevelKeeps,
} from "./platform_records.ts";

/** `Text` (the default) or `JSON`, as `LoggingConfig.LogFormat` says. */
export type LogFormat = "Text" | "JSON";

/** How a function's system log is written: `LoggingConfig.LogFormat` and `SystemLogLevel`. */
export interface LogStyle {
  /** The format. */
  readonly format: LogFormat;
  /** With JSON: the lowest level of `platform.*` record written (AWS's default INFO). */
  readonly systemLogLevel?: string;
}

const TEXT: LogStyle = { format: "Text" };

const kept = (style: LogStyle, ...records: PlatformLine[]) =>
  records.filter((record) => systemLevelKeeps(record.level, style.systemLogLevel)).map((record) =>
    record.line
  )
    .join("");

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

/** The figures of an init's end: INIT_REPORT (text) for one that failed or ran out of time. */
export interface InitReport {
  /** How long the init ran, in ms. */
  readonly durationMs: number;
  /** `init`: the init phase; `invoke`: its retry inside the invocation. */
  readonly phase: "init" | "invoke";
  /** How it ended. */
  readonly status: "success" | "timeout" | "error";
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
 * `INIT_START Runtime Version: nodejs:22.v1\tRuntime Version ARN: arn:aws:lambda:…`
 * (JSON: `platform.initStart`).
 *
 * @param init The new environment.
 * @param style The log's format and system level.
 * @returns The line, with its newline.
 */
export function initStartLine(init: InitStart, style: LogStyle = TEXT): string {
  if (style.format === "JSON") return kept(style, platformRecord.initStart(init));
  return `INIT_START Runtime Version: ${init.runtimeVersion}\tRuntime Version ARN: ${init.runtimeVersionArn}\n`;
}

/**
 * `INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: …` for an
 * init that failed or timed out, nothing in text for one that succeeded (its duration is in
 * REPORT); JSON: `platform.initRuntimeDone` and `platform.initReport`.
 *
 * @param report The figures.
 * @param style The log's format and system level.
 * @returns The lines, each with its newline.
 */
export function initReportLine(report: InitReport, style: LogStyle = TEXT): string {
  if (style.format === "JSON") return kept(style, ...platformRecord.initDone(report));
  if (report.status === "success") return "";
  const fields = [
    `INIT_REPORT Init Duration: ${report.durationMs.toFixed(2)} ms`,
    `Phase: ${report.phase}`,
    `Status: ${report.status}`,
  ];
  if (report.errorType) fields.push(`Error Type: ${report.errorType}`);
  return `${fields.join("\t")}\n`;
}

/**
 * `START RequestId: <id> Version: $LATEST` (JSON: `platform.start`).
 *
 * @param requestId The invocation.
 * @param version The function version.
 * @param functionArn The function, for the JSON record.
 * @param style The log's format and system level.
 * @returns The line, with its newline.
 */
export function startLine(
  requestId: string,
  version: string,
  functionArn: string,
  style: LogStyle = TEXT,
): string {
  if (style.format === "JSON") return kept(style, platformRecord.start(requestId, version, functionArn));
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

/**
 * `END RequestId: <id>` (JSON: `platform.runtimeDone`).
 *
 * @param requestId The invocation.
 * @param done How the runtime finished it, for the JSON record.
 * @param style The log's format and system level.
 * @returns The line, with its newline.
 */
export function endLine(requestId: string, done: RuntimeDone, style: LogStyle = TEXT): string {
  if (style.format === "JSON") return kept(style, platformRecord.runtimeDone(requestId, done));
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
 * The tab-separated REPORT line (JSON: `platform.report`).
 *
 * @param report The figures.
 * @param style The log's format and system level.
 * @returns The line, with its newline.
 */
export function reportLine(report: InvocationReport, style: LogStyle = TEXT): string {
  if (style.format === "JSON") return kept(style, platformRecord.report(report, billedDurationMs(report)));
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
  /** The function (JSON `platform.start`). */
  readonly functionArn: string;
  /** The function's output during the invocation. */
  readonly output: string;
  /** How the runtime finished (JSON `platform.runtimeDone`). */
  readonly runtimeDone: RuntimeDone;
  /** The REPORT figures. */
  readonly report: InvocationReport;
  /** @default {{ format: "Text" }} */
  readonly style?: LogStyle;
}

/**
 * Joins an invocation's log: preamble, START, output, END, REPORT.
 *
 * @param parts The parts.
 * @returns The log text.
 */
export function invocationLog(parts: InvocationLogParts): string {
  const style = parts.style ?? TEXT;
  const output = parts.output === "" || parts.output.endsWith("\n") ? parts.output : `${parts.output}\n`;
  return parts.preamble + startLine(parts.requestId, parts.version, parts.functionArn, style) + output +
    endLine(parts.requestId, parts.runtimeDone, style) + reportLine(parts.report, style);
}
