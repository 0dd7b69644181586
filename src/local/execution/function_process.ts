/**
 * One function process: the bootstrap started with the function's environment in its code
 * directory, its output captured, and a way to end it with anything it started. Where the host
 * allows it, the process sees its code and runtime directories read-only, as on AWS (see
 * `read_only_code.ts`); the pid is the runtime's own either way.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import process from "node:process";
import { captureOutput, type OutputCapture } from "./output_capture.ts";
import { type ReadOnlyCode, readOnlyLaunch } from "./read_only_code.ts";
import type { RuntimeLauncher } from "./runtime_launcher.ts";
import type { ProcessExit } from "./sandbox_errors.ts";

/** A started function process. */
export interface FunctionProcess {
  /** The OS process id (undefined when it could not be started). */
  readonly pid: number | undefined;
  /** Its stdout and stderr. */
  readonly output: OutputCapture;
  /** Resolves once it has exited and its output is read. */
  readonly exited: Promise<ProcessExit>;
  /** Kills it (and its process group) and waits for the exit. */
  kill(): Promise<ProcessExit>;
}

/** What to start. */
export interface ProcessPlan {
  /** The program. */
  readonly launcher: RuntimeLauncher;
  /** The bootstrap module. */
  readonly bootstrapFile: string;
  /** The working directory (the code directory). */
  readonly cwd: string;
  /** The complete environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The memory size, for heap limits. */
  readonly memoryMb: number;
  /** How much output to keep between two takes. */
  readonly outputLimit: number;
  /** How this host keeps the code directory read-only. */
  readonly readOnly: ReadOnlyCode;
}

// After the exit, output still held open by a grandchild is not waited for longer than this.
const OUTPUT_GRACE_MS = 250;
// Own process groups let a kill reach whatever the handler spawned; Windows has none.
const GROUPED = process.platform !== "win32";

/**
 * Starts the process. Its stdin stays an open pipe: the bootstrap ends itself when it closes,
 * that is when this process is gone.
 *
 * @param plan What to start.
 * @returns The process.
 */
export function startFunctionProcess(plan: ProcessPlan): FunctionProcess {
  const { command, args } = readOnlyLaunch(
    plan.readOnly,
    plan.launcher.command,
    plan.launcher.args(plan.bootstrapFile, plan.memoryMb, plan.env.NODE_OPTIONS),
    { codeDir: plan.cwd, runtimeDir: dirname(plan.bootstrapFile) },
    plan.env,
  );
  const child: ChildProcess = spawn(command, args, {
    cwd: plan.cwd,
    env: plan.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: GROUPED,
    windowsHide: true,
  });
  const output = captureOutput([child.stdout!, child.stderr!], plan.outputLimit);
  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      if (GROUPED) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  const exited = new Promise<ProcessExit>((resolve) => {
    let done = false;
    const finish = async (exit: ProcessExit) => {
      if (done) return;
      done = true;
      killGroup(); // leftovers of the group, if the bootstrap exited by itself
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([output.ended, new Promise((wake) => timer = setTimeout(wake, OUTPUT_GRACE_MS))]);
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.stdin?.destroy();
      resolve(exit);
    };
    child.once("exit", (code, signal) => void finish({ code, signal }));
    child.once("error", (error) => {
      if (child.pid === undefined) {
        const reason = existsSync(plan.cwd) ? error.message : `the code directory ${plan.cwd} does not exist`;
        output.note(`Cannot start ${plan.launcher.command}: ${reason}\n`);
        void finish({ code: 127, signal: null });
      }
    });
  });
  // EPIPE on a stdin nobody reads must not become an unhandled error.
  child.stdin?.on("error", () => {});
  return {
    pid: child.pid,
    output,
    exited,
    kill: () => {
      killGroup();
      return exited;
    },
  };
}
