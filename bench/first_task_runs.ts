/**
 * Section 2: the first task of a fresh process, with our function already deployed and with
 * none yet, each against the same done by hand in a fresh process (`bench/first_task.ts`
 * children, modes rotated round by round).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { BenchBed } from "./bench_bed.ts";
import { benchRole } from "./floors.ts";
import type { Outcome } from "./outcome.ts";
import { summarize } from "./percentiles.ts";
import { comparison, type Row } from "./report.ts";

/** Child processes per mode. */
export const FIRST_TASK_ROUNDS = 5;
const CHILD_TIMEOUT_MS = 120_000;
const MODES = ["ours-deployed", "floor-deployed", "ours-fresh", "floor-fresh"] as const;
type Mode = typeof MODES[number];

/** One child's figures. */
export interface ChildRun {
  /** From the mode's modules loaded to the answer. */
  readonly taskMs: number;
  /** From the process's start to the answer (what the row reports). */
  readonly processMs: number;
  /** Wall time of the whole child, as the parent saw it. */
  readonly spawnMs: number;
}

/** Runs one child program (`bench/<program>`) and reads its `RESULT` line. */
export async function runChild(
  program: string,
  args: readonly string[],
  env: Record<string, string>,
  denoFlags: readonly string[] = [],
): Promise<Record<string, unknown> & { spawnMs: number }> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...denoFlags, fileURLToPath(new URL(program, import.meta.url)), ...args],
    env,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(CHILD_TIMEOUT_MS),
  });
  const { code, signal, stdout, stderr } = await child.output();
  const spawnMs = performance.now() - started;
  const out = new TextDecoder().decode(stdout);
  const line = out.split("\n").find((l) => l.startsWith("RESULT "));
  if (line === undefined) {
    const tail = new TextDecoder().decode(stderr).trim().split("\n").slice(-3).join(" ⏎ ");
    throw new Error(`${program} ${args.join(" ")} exited ${signal ?? code}: ${tail.slice(0, 300)}`);
  }
  return { ...JSON.parse(line.slice("RESULT ".length)), spawnMs };
}

/** Section 2's figures. */
export interface FirstTaskResult {
  readonly rows: Row[];
  readonly runs: Record<Mode, { runs: ChildRun[]; failure?: string }>;
}

/** Runs section 2. `invokeFloorName` is the deployed one-line function. */
export async function measureFirstTask(bed: BenchBed, invokeFloorName: string): Promise<FirstTaskResult> {
  const runs = Object.fromEntries(
    MODES.map((mode) => [mode, { runs: [] as ChildRun[] }]),
  ) as FirstTaskResult["runs"];
  for (let round = 0; round < FIRST_TASK_ROUNDS; round++) {
    const order = [...MODES.slice(round % MODES.length), ...MODES.slice(0, round % MODES.length)];
    for (const mode of order) {
      const record = runs[mode] as { runs: ChildRun[]; failure?: string };
      if (record.failure !== undefined) continue;
      const env: Record<string, string> = {
        ...bed.childEnv(),
        BENCH_MEMORY: String(600 + 16 * round),
        BENCH_FUNCTION: mode === "floor-fresh" ? `bench-first-floor-${round}` : invokeFloorName,
        BENCH_ROLE: benchRole(bed.aws),
      };
      try {
        const result = await runChild("./first_task.ts", [mode], env);
        record.runs.push({
          taskMs: Number(result.taskMs),
          processMs: Number(result.processMs),
          spawnMs: result.spawnMs,
        });
      } catch (error) {
        record.failure = error instanceof Error ? error.message : String(error);
      }
    }
  }
  const p50 = (mode: Mode): Outcome<number> => {
    const { runs: done, failure } = runs[mode] as { runs: ChildRun[]; failure?: string };
    if (failure !== undefined) return { ok: false, message: failure };
    return { ok: true, value: summarize(done.map((r) => r.processMs)).p50 };
  };
  const ms = { unit: "ms", digits: 0 };
  return {
    rows: [
      comparison(
        "first task of a process, function deployed",
        p50("ours-deployed"),
        p50("floor-deployed"),
        ms,
      ),
      comparison("first task of a process, no function yet", p50("ours-fresh"), p50("floor-fresh"), ms),
    ],
    runs,
  };
}
