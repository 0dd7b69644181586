/**
 * Bundling a module with esbuild's JavaScript API: the bundler under Node.js.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { BundleFailed, firstLines } from "./bundle_failed.ts";
import type { BundleOutput } from "./bundle_output.ts";

export type { BundleOutput } from "./bundle_output.ts";

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number } | null;
}

// esbuild turns `require()` in bundled CommonJS into a helper that needs a real `require`; an ES
// module has none, so the bundle makes one (as `deno bundle` does for the same reason).
const REQUIRE_SHIM = 'import { createRequire as __covalentCreateRequire } from "node:module";\n' +
  "const require = __covalentCreateRequire(import.meta.url);\n";

function withRequireShim(code: string): string {
  if (!code.includes('Dynamic require of "')) return code;
  if (!code.startsWith("#!")) return REQUIRE_SHIM + code;
  const lineEnd = code.indexOf("\n") + 1;
  return code.slice(0, lineEnd) + REQUIRE_SHIM + code.slice(lineEnd);
}

function describe(messages: readonly EsbuildMessage[]): string {
  return messages.slice(0, 5).map(({ text, location }) =>
    location ? `${location.file}:${location.line}:${location.column + 1}: ${text}` : text
  ).join("\n");
}

/**
 * Bundles a module and everything it imports into one ES module for Node.js 22 with esbuild:
 * tree-shaken, `node:` built-ins left external, bare package names resolved from `node_modules`.
 * esbuild is imported only when this runs, so Deno users never load it.
 *
 * @param entryPath Absolute path of the module.
 * @returns The code, the local files it was made from, and esbuild's version.
 * @throws {BundleFailed} With esbuild's first error messages.
 *
 * @example
 * ```ts
 * const { code } = await bundleWithEsbuild("/work/tasks.ts");
 * ```
 */
export async function bundleWithEsbuild(entryPath: string): Promise<BundleOutput> {
  const esbuild = await import("esbuild");
  const workingDir = dirname(entryPath);
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [entryPath],
      absWorkingDir: workingDir,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node22",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
  } catch (error) {
    const messages = (error as { errors?: EsbuildMessage[] }).errors;
    const text = messages && messages.length > 0 ? describe(messages) : (error as Error).message;
    throw new BundleFailed(entryPath, firstLines(text));
  }
  // Inputs outside the file namespace carry a "namespace:" prefix; only files can change on disk.
  const files = Object.keys(result.metafile.inputs)
    .filter((input) => !/^[a-z-]+:/i.test(input) || /^[a-z]:[\\/]/i.test(input))
    .map((input) => resolve(workingDir, input));
  return { code: withRequireShim(result.outputFiles[0].text), files, bundler: `esbuild ${esbuild.version}` };
}
