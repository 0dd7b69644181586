/**
 * The client's peak resident memory during an operation: `process.memoryUsage().rss` sampled
 * every few milliseconds, and on Linux the kernel's own high-water mark (`VmHWM`, reset through
 * `/proc/self/clear_refs` first), which also sees peaks while the event loop is blocked.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";

/** What an operation cost in memory, bytes. */
export interface RssProbe<T> {
  readonly value: T;
  readonly elapsedMs: number;
  readonly baselineRss: number;
  readonly peakRss: number;
  /** `peakRss - baselineRss`. */
  readonly growth: number;
  /** Whether the kernel's high-water mark was used. */
  readonly kernelPeak: boolean;
}

const SAMPLE_MS = 4;

/** Runs `operation` and reports its wall time and the process's peak RSS growth over the baseline. */
export async function probeRss<T>(operation: () => Promise<T>): Promise<RssProbe<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const kernelPeak = resetHighWaterMark();
  const baselineRss = process.memoryUsage().rss;
  let peak = baselineRss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_MS);
  const started = performance.now();
  try {
    const value = await operation();
    const elapsedMs = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss, kernelPeak ? highWaterMark() : 0);
    return { value, elapsedMs, baselineRss, peakRss: peak, growth: peak - baselineRss, kernelPeak };
  } finally {
    clearInterval(timer);
  }
}

function resetHighWaterMark(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return highWaterMark() > 0;
  } catch {
    return false;
  }
}

function highWaterMark(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
