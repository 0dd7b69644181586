/**
 * Steps and commands of the npm build: each step prints a progress line and its time, and any
 * failure stops the build with a message that names the step.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import process from "node:process";

/** A build step failed; `message` says which step and why. */
export class BuildFailed extends Error {
  override readonly name = "BuildFailed";
}

/** The time each finished step took, in order. */
export const stepTimings: { name: string; seconds: number }[] = [];

/**
 * Runs one build step, printing `▶ name` before and `✔ name (1.2 s)` after; a failure is
 * rethrown as a `BuildFailed` naming the step.
 *
 * @example
 * ```ts
 * const files = await runStep("compile", () => compile());
 * ```
 *
 * @param name What the step does, as printed.
 * @param work The step.
 * @returns What the step returned.
 */
export async function runStep<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  console.log(`▶ ${name}`);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    stepTimings.push({ name, seconds });
    console.log(`✔ ${name} (${seconds.toFixed(1)} s)`);
    return result;
  } catch (error) {
    const reason = error instanceof BuildFailed
      ? error.message
      : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);
    throw new BuildFailed(`step "${name}" failed:\n${reason}`);
  }
}

/** Options of `runCommand`. */
export interface CommandOptions {
  /** Working directory. */
  readonly cwd: string;
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** Stream the command's output to this process's (else it is captured and shown on failure). */
  readonly echo?: boolean;
  /** Kill the command after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Resolve with the exit code instead of failing on a non-zero exit (a timeout still fails). */
  readonly allowFailure?: boolean;
}

/** What a finished command printed. */
export interface CommandOutput {
  /** Its standard output. */
  readonly stdout: string;
  /** Its standard error. */
  readonly stderr: string;
  /** Its exit code (0 unless `allowFailure`). */
  readonly exitCode: number;
}

/**
 * Runs a command and waits for it; a non-zero exit, a signal or a timeout is a `BuildFailed`
 * with the command line and the tail of its output.
 *
 * @example
 * ```ts
 * const { stdout } = await runCommand("npm", ["pack", "--json"], { cwd: "npm" });
 * ```
 *
 * @param command The program.
 * @param args Its arguments.
 * @param options Where and how to run it.
 * @returns Its captured output (empty strings when echoed).
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandOutput> {
  const line = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: options.echo ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new BuildFailed(`cannot run \`${line}\`: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || (code !== null && options.allowFailure && !timedOut)) {
        return resolve({ stdout, stderr, exitCode: code });
      }
      const why = timedOut
        ? `timed out after ${options.timeoutMs} ms`
        : code === null
        ? `was killed by ${signal}`
        : `exited with code ${code}`;
      const tail = `${stdout}\n${stderr}`.trim().split("\n").slice(-40).join("\n");
      reject(new BuildFailed(`\`${line}\` (in ${options.cwd}) ${why}${tail ? `:\n${tail}` : ""}`));
    });
  });
}
