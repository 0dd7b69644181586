/**
 * What the bench ran on: machine and runtime versions, for results.json.
 *
 * @module
 */
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";

/** The machine and runtimes. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly deno: string;
  readonly v8: string;
  readonly typescript: string;
  /** The Node.js version Deno's `node:` compatibility layer reports (no separate Node is used). */
  readonly nodeCompat: string;
  /** 1, 5 and 15-minute load averages when read (other work on the machine skews the figures). */
  readonly loadAverage: readonly number[];
}

/** Reads it from the running process. */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()} (${Deno.build.target})`,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    nodeCompat: process.versions.node,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
