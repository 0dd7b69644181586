/**
 * A process's peak resident memory, for the REPORT line's `Max Memory Used`.
 *
 * @module
 */
import { readFile } from "node:fs/promises";

/**
 * Reads the peak resident set size (`VmHWM`) of a process from `/proc` (Linux).
 *
 * @param pid The process.
 * @returns Megabytes, or undefined where `/proc` is unavailable or the process is gone.
 */
export async function peakMemoryMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
