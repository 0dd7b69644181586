/**
 * Which program runs a function's bootstrap: the Node major its runtime names (see
 * `node_binaries.ts`), else `node` on PATH (or the program running this library) with a
 * notice, else the running Deno in its Node-compatibility mode.
 *
 * @module
 */
import { dirname, join } from "node:path";
import process from "node:process";
import {
  chooseNode,
  findOnPath,
  hostNode,
  installCommand,
  nodeMajorOf,
  type NodeSearch,
  nodeVariable,
} from "./node_binaries.ts";

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
   * @param runtimeDir The directory holding the bootstrap. Functions see it read-only, so
   *   caches go beside it.
   */
  variables(runtimeDir: string): Record<string, string>;
}

/** A launcher for one runtime, with what the function's log must say about it. */
export interface ChosenLauncher {
  /** The launcher. */
  readonly launcher: RuntimeLauncher;
  /**
   * A plain sentence, for the first lines of the function's first log, when the program is
   * not the Node major the runtime names; undefined when it is.
   */
  readonly notice: string | undefined;
}

/**
 * Picks the program for a runtime: the Node major `nodejsNN.x` names (see `node_binaries.ts`),
 * falling back, with a notice, to whatever `node` there is, else the running Deno.
 *
 * @example Start a bootstrap for a nodejs22.x function
 * ```ts
 * const { launcher, notice } = launcherForRuntime("nodejs22.x");
 * spawn(launcher.command, launcher.args("/data/runtime/bootstrap.mjs", 128));
 * ```
 *
 * @param runtime The function's runtime, e.g. `nodejs22.x`.
 * @param preferred Force one kind; by default node.
 * @param search Where to look for Node binaries.
 * @returns The launcher and its notice.
 * @throws Error when the preferred (or any) program cannot be found.
 */
export function launcherForRuntime(
  runtime: string,
  preferred?: RuntimeKind,
  search: NodeSearch = {},
): ChosenLauncher {
  const wanted = nodeMajorOf(runtime);
  if (preferred !== "deno") {
    const choice = wanted === undefined ? undefined : chooseNode(wanted, search);
    const command = choice ? choice.command : hostNode();
    if (command) return { launcher: nodeLauncher(command), notice: choice?.notice };
    if (preferred === "node") {
      throw new Error("Cannot run Lambda functions with node: no node executable on PATH");
    }
  }
  const launcher = findRuntimeLauncher("deno");
  const notice = wanted === undefined || preferred === "deno"
    ? undefined
    : `Local AWS: no Node ${wanted} found for ${runtime}; ` +
      `this function runs on Deno's Node compatibility (${launcher.command}), which AWS would not do. ` +
      `Install Node ${wanted} with \`${installCommand(wanted)}\`, or set ${nodeVariable(wanted)}.`;
  return { launcher, notice };
}

/**
 * Picks the program regardless of the runtime's version.
 *
 * @param preferred Force one kind; by default node when available, else Deno.
 * @returns The launcher.
 * @throws Error when the preferred (or any) program cannot be found.
 */
export function findRuntimeLauncher(preferred?: RuntimeKind): RuntimeLauncher {
  const runningDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
  if (preferred !== "deno") {
    const node = hostNode();
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
    // Functions get no HOME, so Deno is told where to cache (not in the runtime directory,
    // which functions see read-only); it must never prompt or update.
    variables: (runtimeDir) => ({
      DENO_DIR: join(dirname(runtimeDir), "deno-cache"),
      DENO_NO_UPDATE_CHECK: "1",
      DENO_NO_PROMPT: "1",
    }),
  };
}
