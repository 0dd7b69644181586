/**
 * A ready-made `onProgress` for `map`: a live bar with counts and an ETA on a terminal, plain
 * lines elsewhere (logs, CI). The library prints nothing unless a program asks for this.
 *
 * @module
 */
import type { MapProgress } from "./map_tasks.ts";

/**
 * Where and how to print.
 *
 * @example
 * ```ts
 * import type { ProgressPrinterOptions } from "@covalent/awslambda";
 * const options: ProgressPrinterOptions = { label: "squares", everyMs: 2_000 };
 * ```
 */
export interface ProgressPrinterOptions {
  /** Printed before the counts. */
  readonly label?: string;
  /** The stream (default `process.stderr`); a TTY gets a live bar, anything else plain lines. */
  readonly stream?: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  /**
   * Least time between two plain lines, ms (a terminal redraws at most every 100 ms).
   * @default {5000}
   */
  readonly everyMs?: number;
}

/**
 * Makes an `onProgress` callback that shows done/failed/running counts and an ETA.
 *
 * @example A progress bar for a fan-out
 * ```ts
 * import { AWSLambdaExecutor, progressPrinter } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * const inputs = Array.from({ length: 100 }, (_, i) => [i] as [number]);
 * await executor.map((n: number) => n * n, inputs, { onProgress: progressPrinter({ label: "squares" }) });
 * ```
 */
export function progressPrinter(options: ProgressPrinterOptions = {}): (progress: MapProgress) => void {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const every = tty ? 100 : options.everyMs ?? 5_000;
  const started = Date.now();
  let lastAt = 0;
  let finished = false;
  return (p) => {
    if (finished) return;
    const complete = p.total !== undefined && p.done + p.failed === p.total;
    const now = Date.now();
    if (!complete && now - lastAt < every) return;
    lastAt = now;
    const line = describe(p, now - started, options.label);
    if (tty) {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - line.length - 4));
      stream.write(`\r${bar(p, width)} ${line}\x1b[K${complete ? "\n" : ""}`);
    } else {
      stream.write(`${line}\n`);
    }
    finished = complete;
  };
}

function describe(p: MapProgress, elapsedMs: number, label?: string): string {
  const finished = p.done + p.failed;
  const counts = `${finished}/${p.total ?? "?"} (${p.failed} failed, ${p.running} running)`;
  const eta = p.total !== undefined && finished > 0 && finished < p.total
    ? `, about ${seconds(elapsedMs / finished * (p.total - finished))} left`
    : "";
  return `${label ? `${label}: ` : ""}${counts}${eta}, ${seconds(elapsedMs)} so far`;
}

function bar(p: MapProgress, width: number): string {
  const share = p.total ? (p.done + p.failed) / p.total : 0;
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

function seconds(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round(ms % 60_000 / 1000)} s`;
}
