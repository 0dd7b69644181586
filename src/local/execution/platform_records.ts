/**
 * The Lambda service's own log lines as JSON records, which replace `START`, `END`, `REPORT`
 * and `INIT_REPORT` when a function's `LoggingConfig.LogFormat` is `JSON`: one object per line,
 * `{"time","type":"platform.*","record":{…}}` (S: DOC lambda/latest/dg/telemetry-schema-reference.html,
 * the `platform.start`, `platform.runtimeDone`, `platform.report` and `platform.initReport`
 * schemas; DOC monitoring-cloudwatchlogs-logformat.html, system logs in JSON).
 *
 * @module
 */
import type { InitReport, InvocationReport } from "./invocation_log.ts";

const line = (type: string, record: Record<string, unknown>) =>
  `${JSON.stringify({ time: new Date().toISOString(), type, record })}\n`;

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/** One builder per record type; each returns the line with its newline. */
export const platformRecord = {
  /**
   * `platform.start`.
   *
   * @param requestId The invocation.
   * @param version The function version.
   * @returns The line.
   */
  start: (requestId: string, version: string): string => line("platform.start", { requestId, version }),
  /**
   * `platform.runtimeDone` (the JSON counterpart of END).
   *
   * @param requestId The invocation.
   * @param status `timeout` or `error` when the sandbox ended it.
   * @returns The line.
   */
  runtimeDone: (requestId: string, status?: "timeout" | "error"): string =>
    line("platform.runtimeDone", { requestId, status: status ?? "success" }),
  /**
   * `platform.report`.
   *
   * @param report The figures.
   * @param billedDurationMs The billed duration.
   * @returns The line.
   */
  report: (report: InvocationReport, billedDurationMs: number): string =>
    line("platform.report", {
      requestId: report.requestId,
      metrics: {
        durationMs: round2(report.durationMs),
        billedDurationMs,
        memorySizeMB: report.memoryMb,
        maxMemoryUsedMB: Math.max(1, Math.round(report.maxMemoryUsedMb)),
        ...(report.initDurationMs === undefined ? {} : { initDurationMs: round2(report.initDurationMs) }),
      },
      status: report.status ?? "success",
      ...(report.errorType ? { errorType: report.errorType } : {}),
    }),
  /**
   * `platform.initReport`.
   *
   * @param report The figures.
   * @returns The line.
   */
  initReport: (report: InitReport): string =>
    line("platform.initReport", {
      initializationType: "on-demand",
      phase: report.phase,
      status: report.status,
      ...(report.errorType ? { errorType: report.errorType } : {}),
      metrics: { durationMs: round2(report.durationMs) },
    }),
};
