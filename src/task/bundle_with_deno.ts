/**
 * Bundling a module with `deno bundle`: the bundler under Deno, run as a subprocess of the
 * running deno binary (`process.execPath`), so no Deno API is needed.
 *
 * @module
 */
import { execFile } from "node:child_process";
import { dirname } from "node:path";
import process from "node:process";
import { BundleFailed, firstLines } from "./bundle_failed.ts";
import type { BundleOutput } from "./bundle_output.ts";

export type { BundleOutput } from "./bundle_output.ts";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runDeno(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        done({ code, stdout, stderr: stderr || (error?.message ?? "") });
      },
    );
  });
}

interface ModuleGraph {
  readonly modules?: readonly { readonly local?: string }[];
}

/**
 * Bundles a module and everything it imports (relative files, `npm:` specifiers, names from the
 * import map of the `deno.json` nearest the module) into one ES module that Node.js 22 imports:
 * tree-shaken, `node:` built-ins left external. `deno info` lists the local files it was made
 * from. Both run in the module's directory so that its project's configuration applies.
 * `process.execPath` must be the deno CLI, as it is under `deno run` and `deno test` (not inside
 * a `deno compile` binary).
 *
 * @param entryPath Absolute path of the module.
 * @returns The code, the local files it was made from, and the Deno version.
 * @throws {BundleFailed} With `deno bundle`'s first error lines.
 *
 * @example
 * ```ts
 * const { code } = await bundleWithDeno("/work/tasks.ts");
 * ```
 */
export async function bundleWithDeno(entryPath: string): Promise<BundleOutput> {
  const cwd = dirname(entryPath);
  const [bundle, info] = await Promise.all([
    runDeno(["bundle", "--quiet", "--platform=deno", "--format=esm", entryPath], cwd),
    runDeno(["info", "--json", entryPath], cwd),
  ]);
  if (bundle.code !== 0) throw new BundleFailed(entryPath, firstLines(bundle.stderr));
  if (info.code !== 0) throw new BundleFailed(entryPath, firstLines(info.stderr));
  const graph = JSON.parse(info.stdout) as ModuleGraph;
  const files = (graph.modules ?? []).flatMap((module) => (module.local === undefined ? [] : [module.local]));
  return { code: bundle.stdout, files, bundler: `deno ${process.versions.deno}` };
}
