/**
 * The Lambda service's own log lines as JSON records, which replace `INIT_START`, `START`,
 * `END`, `REPORT` and `INIT_REPORT` when a function's `LoggingConfig.LogFormat` is `JSON`: one
 * object per line, `{"time","type":"platform.*","record":{…}}` (S: DOC
 * lambda/latest/dg/telemetry-schema-reference.html; DOC monitoring-cloudwatchlogs-logformat.html,
 * system logs in JSON). Members beyond the schema's, `functionArn` of `platform.start` and
 * `instanceId`/`instanceMaxMemory` of `platform.initStart`, are as a real CloudWatch log of a
 * JSON-format `nodejs22.x` function shows them (public repository, 2026-10).
 *
 * Each record has a level, which the function's `SystemLogLevel` filters. AWS's default, INFO,
 * keeps `platform.initStart`, `platform.start` and `platform.report` and nothing else (S: that
 * same log, written with the default levels). `platform.initRuntimeDone`,
 * `platform.runtimeDone` and the `platform.initReport` of an init that succeeded are DEBUG:
 * absent at INFO, present in the log of a cold invocation that AWS returned as `LogResult`
 * (a public repository, 2024-05, SystemLogLevel not shown). U: the level of the
 * `platform.initReport` of an init that failed; local AWS makes it INFO so that the failure
 * shows at the default level, as `INIT_REPORT` does in text. Nothing local AWS writes is WARN.
 *
 * @module
 */
import { SYSTEM_LOG_LEVELS as LEVELS } from "../lambda/logging_config.ts";
import type { InitReport, InvocationReport } from "./invocation_log.ts";

/** `LoggingConfig.SystemLogLevel`. */
export type SystemLogLevel = "DEBUG" | "INFO" | "WARN";

/** One record and its level. */
export interface PlatformLine {
  /** The level `SystemLogLevel` compares with. */
  readonly level: SystemLogLevel;
  /** The JSON line, with its newline. */
  readonly line: string;
}

/** What a new environment's `platform.initStart` (text: `INIT_START`) says. */
export interface InitStart {
  /** `init`, or `invoke` for an init retried inside an invocation. */
  readonly phase: "init" | "invoke";
  /** E.g. `nodejs:22.v1`. */
  readonly runtimeVersion: string;
  /** The function configuration's `RuntimeVersionConfig.RuntimeVersionArn`. */
  readonly runtimeVersionArn: string;
  /** The function. */
  readonly functionName: string;
  /** `$LATEST`. */
  readonly functionVersion: string;
  /** The environment, named after its log stream. */
  readonly instanceId: string;
  /** The memory size in bytes. */
  readonly instanceMaxMemory: number;
}

/** How the runtime finished an invocation, as `platform.runtimeDone` reports it. */
export interface RuntimeDone {
  /** `success`, `error`, `timeout` or `failure`. */
  readonly status: "success" | "error" | "timeout" | "failure";
  /** With `error` and `failure`. */
  readonly errorType?: string;
}

/**
 * Whether a record of `level` is kept under the function's `SystemLogLevel`.
 *
 * @param level The record's level.
 * @param configured The function's level (AWS's default INFO when absent or unknown).
 * @returns True when it is written.
 */
export function systemLevelKeeps(level: SystemLogLevel, configured: string | undefined): boolean {
  const minimum = LEVELS.indexOf(configured as SystemLogLevel);
  return LEVELS.indexOf(level) >= (minimum < 0 ? LEVELS.indexOf("INFO") : minimum);
}

// The line is written out only when read: a record below the function's level never is.
const record = (level: SystemLogLevel, type: string, fields: Record<string, unknown>): PlatformLine => ({
  level,
  get line() {
    return `${JSON.stringify({ time: new Date().toISOString(), type, record: fields })}\n`;
  },
});

const round2 = (ms: number) => Math.round(ms * 100) / 100;

const withErrorType = (errorType: string | undefined) => errorType ? { errorType } : {};

/** One builder per record type. */
export const platformRecord = {
  /**
   * `platform.initStart`, written when an environment starts.
   *
   * @param init The facts.
   * @returns The record.
   */
  initStart: (init: InitStart): PlatformLine =>
    record("INFO", "platform.initStart", { initializationType: "on-demand", ...init }),
  /**
   * `platform.initRuntimeDone` and `platform.initReport`, written when an init ends.
   *
   * @param report The figures.
   * @returns The two records.
   */
  initDone: (report: InitReport): PlatformLine[] => {
    const common = { initializationType: "on-demand", phase: report.phase };
    const ended = { status: report.status, ...withErrorType(report.errorType) };
    return [
      ...(report.status === "timeout"
        ? []
        : [record("DEBUG", "platform.initRuntimeDone", { ...common, ...ended })]),
      record(report.status === "success" ? "DEBUG" : "INFO", "platform.initReport", {
        ...common,
        ...ended,
        metrics: { durationMs: round2(report.durationMs) },
      }),
    ];
  },
  /**
   * `platform.start`.
   *
   * @param requestId The invocation.
   * @param version The function version.
   * @param functionArn The function.
   * @returns The record.
   */
  start: (requestId: string, version: string, functionArn: string): PlatformLine =>
    record("INFO", "platform.start", { requestId, functionArn, version }),
  /**
   * `platform.runtimeDone` (the JSON counterpart of END).
   *
   * @param requestId The invocation.
   * @param done How the runtime finished it.
   * @returns The record.
   */
  runtimeDone: (requestId: string, done: RuntimeDone): PlatformLine =>
    record("DEBUG", "platform.runtimeDone", {
      requestId,
      status: done.status,
      ...withErrorType(done.errorType),
    }),
  /**
   * `platform.report`.
   *
   * @param report The figures.
   * @param billedDurationMs The billed duration.
   * @returns The record.
   */
  report: (report: InvocationReport, billedDurationMs: number): PlatformLine =>
    record("INFO", "platform.report", {
      requestId: report.requestId,
      metrics: {
        durationMs: round2(report.durationMs),
        billedDurationMs,
        memorySizeMB: report.memoryMb,
        maxMemoryUsedMB: Math.max(1, Math.round(report.maxMemoryUsedMb)),
        ...(report.initDurationMs === undefined ? {} : { initDurationMs: round2(report.initDurationMs) }),
      },
      status: report.status ?? "success",
      ...withErrorType(report.errorType),
    }),
};
