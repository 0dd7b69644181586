/**
 * Which program runs a function's bootstrap: `node` when it is on PATH (or is the program
 * running this library), else the running Deno in its Node-compatibility mode.
 *
 * @module
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import process from "node:process";

/** The program kinds that can run the bootstrap. */
export type RuntimeKind = "node" | "deno";

/** How to start a bootstrap. */
export interface RuntimeLauncher {
  /** Which program it is. */
  readonly kind: RuntimeKind;
  /** Its executable. */
  readonly command: string;
  /**
   * The command line after the executable.
   *
   * @param bootstrapFile The bootstrap module.
   * @param memoryMb The function's memory size, turned into V8 heap limits.
   * @param nodeOptions The function's own `NODE_OPTIONS`; heap limits set there win.
   */
  args(bootstrapFile: string, memoryMb: number, nodeOptions?: string): string[];
  /**
   * Variables the program itself needs in the function's environment.
   *
   * @param runtimeDir The directory holding the bootstrap (a place for caches).
   */
  variables(runtimeDir: string): Record<string, string>;
}

/**
 * Picks the program.
 *
 * @example Start a bootstrap
 * ```ts
 * const launcher = findRuntimeLauncher();
 * spawn(launcher.command, launcher.args("/data/runtime/bootstrap.mjs", 128));
 * ```
 *
 * @param preferred Force one kind; by default node when available, else Deno.
 * @returns The launcher.
 * @throws Error when the preferred (or any) program cannot be found.
 */
export function findRuntimeLauncher(preferred?: RuntimeKind): RuntimeLauncher {
  const runningDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
  const runningNode = !runningDeno && typeof process.versions.node === "string" &&
    !("bun" in process.versions);
  if (preferred !== "deno") {
    const node = runningNode ? process.execPath : findOnPath("node");
    if (node) return nodeLauncher(node);
    if (preferred === "node") {
      throw new Error("Cannot run Lambda functions with node: no node executable on PATH");
    }
  }
  const deno = runningDeno ? process.execPath : findOnPath("deno");
  if (deno) return denoLauncher(deno);
  throw new Error("Cannot run Lambda functions: neither node nor deno was found on PATH");
}

/**
 * The V8 heap limits AWS's Node.js bootstrap derives from the memory size: a tenth for the new
 * space (two semi-spaces), the rest for the old space.
 */
function heapFlags(memoryMb: number, nodeOptions = ""): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  const flags: string[] = [];
  if (!nodeOptions.includes("--max-semi-space-size")) {
    flags.push(`--max-semi-space-size=${Math.floor(newSpace / 2)}`);
  }
  if (!nodeOptions.includes("--max-old-space-size")) {
    flags.push(`--max-old-space-size=${memoryMb - newSpace}`);
  }
  return flags;
}

function nodeLauncher(command: string): RuntimeLauncher {
  return {
    kind: "node",
    command,
    args: (bootstrapFile, memoryMb, nodeOptions) => [...heapFlags(memoryMb, nodeOptions), bootstrapFile],
    variables: () => ({}),
  };
}

function denoLauncher(command: string): RuntimeLauncher {
  return {
    kind: "deno",
    command,
    args: (bootstrapFile, memoryMb) => [
      "run",
      "--allow-all",
      "--no-config",
      "--no-lock",
      "--quiet",
      `--v8-flags=${heapFlags(memoryMb).join(",")}`,
      bootstrapFile,
    ],
    // Functions get no HOME, so Deno is told where to cache; it must never prompt or update.
    variables: (runtimeDir) => ({
      DENO_DIR: join(runtimeDir, "deno"),
      DENO_NO_UPDATE_CHECK: "1",
      DENO_NO_PROMPT: "1",
    }),
  };
}

function findOnPath(name: string): string | undefined {
  const names = process.platform === "win32" ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const directory of (process.env.PATH ?? "").split(delimiter)) {
    if (directory === "") continue;
    for (const candidate of names.map((file) => join(directory, file))) {
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
