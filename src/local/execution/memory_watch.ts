/**
 * Enforces a function's memory size on its whole process, as AWS's sandbox does (a cgroup
 * limit on everything the runtime holds: V8 heap, Buffers, native memory), not only on the V8
 * heap. The process's peak resident set (`VmHWM` in `/proc/<pid>/status`, which the kernel
 * keeps, so no peak between two samples is missed) is read every `intervalMs`; once it passes
 * the memory size the watch calls `exceeded` and the caller kills the process, which AWS
 * reports as `Runtime.OutOfMemory` with `Max Memory Used` equal to the memory size
 * (S: github adobe/helix-html2md-service#1001, 2026). Linux only: elsewhere it only reports
 * no peak and enforces nothing.
 *
 * The file is opened once and re-read from offset 0 (procfs regenerates it on every read): with
 * dozens of warm environments sampled 20 times a second, opening it each time cost local AWS a
 * tenth of its CPU under a `map`.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";

/** A running watch. */
export interface MemoryWatch {
  /** The highest resident set seen so far, in MB (0 before the first sample). */
  peakMb(): number;
  /** Takes one more sample now (e.g. when an invocation ends) and returns the peak. */
  sample(): Promise<number>;
  /** Stops sampling. */
  stop(): void;
}

/**
 * Starts watching a process.
 *
 * @example Kill a function that outgrows its memory size
 * ```ts
 * const watch = watchMemory(proc.pid, 128, () => void proc.kill());
 * ```
 *
 * @param pid The process.
 * @param limitMb The function's memory size.
 * @param exceeded Called once, when the peak passes the limit.
 * @param intervalMs How often to sample.
 * @returns The watch.
 */
export function watchMemory(
  pid: number | undefined,
  limitMb: number,
  exceeded: () => void,
  intervalMs = 50,
): MemoryWatch {
  let peakKb = 0;
  let tripped = false;
  let stopped = pid === undefined;
  let fd: number | undefined;
  const buffer = Buffer.alloc(8192);
  const finish = () => {
    stopped = true;
    const open = fd;
    fd = undefined;
    if (open !== undefined) {
      try {
        closeSync(open);
      } catch {
        // Already closed with its process: nothing to release.
      }
    }
  };
  const read = (): number => {
    try {
      fd ??= openSync(`/proc/${pid}/status`, "r");
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(buffer.toString("latin1", 0, length));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // Gone, or no /proc: the peak so far stands.
      finish();
      return peakKb / 1024;
    }
    if (!tripped && peakKb > limitMb * 1024) {
      tripped = true;
      exceeded();
    }
    return peakKb / 1024;
  };
  const sample = () => Promise.resolve(read());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    if (stopped) return;
    read();
    if (stopped) return;
    timer = setTimeout(tick, intervalMs);
    timer.unref?.();
  };
  tick();
  return {
    peakMb: () => peakKb / 1024,
    sample: () => stopped ? Promise.resolve(peakKb / 1024) : sample(),
    stop() {
      finish();
      clearTimeout(timer);
    },
  };
}
