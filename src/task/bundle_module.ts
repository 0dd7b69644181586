/**
 * Bundling a module task into one ES module file, cached by content.
 *
 * @module
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCachedBundle, writeCachedBundle } from "./bundle_cache.ts";
import { BundleFailed } from "./bundle_failed.ts";
import { bundleWithDeno } from "./bundle_with_deno.ts";
import { bundleWithEsbuild } from "./bundle_with_esbuild.ts";

export { BundleFailed } from "./bundle_failed.ts";

/** Options of `bundleModule`. */
export interface BundleModuleOptions {
  /** The directory holding the cache; bundles go under `${cacheDir}/bundles/`. */
  readonly cacheDir: string;
}

/** A bundled module. */
export interface ModuleBundle {
  /** One self-contained ES module that Node.js 22 can import (from a `file:` URL). */
  readonly code: string;
  /** SHA-256 of `code`, lower-case hex: the bundle's content address. */
  readonly hash: string;
  /** Whether `code` came from the cache rather than from running the bundler. */
  readonly fromCache: boolean;
}

function entryPathOf(entry: string | URL): string {
  const text = entry instanceof URL ? entry.href : entry;
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z]:[\\/]/i.test(text);
  if (!isUrl) return resolve(text);
  if (!text.startsWith("file:")) {
    throw new BundleFailed(text, "only local modules (file: URLs or paths) can be bundled");
  }
  return fileURLToPath(text);
}

/**
 * Bundles a module and everything it imports into one tree-shaken ES module that Node.js 22
 * imports, with `node:` built-ins left as imports: with `deno bundle` under Deno (relative
 * imports, `npm:` specifiers and the import map of the module's `deno.json`), with esbuild under
 * Node.js (relative imports and packages from `node_modules`).
 *
 * Bundles are cached in `${cacheDir}/bundles/<hash>.mjs`. A later call reuses the bundle when
 * every file it was made from, and every project file that steers resolution, still has the same
 * contents (see `bundle_cache.ts`); a hit costs reading and hashing those files, not a bundler
 * run.
 *
 * @param entry The module: a `file:` URL (`new URL("./tasks.ts", import.meta.url)`), a `file:`
 *   URL string, or a path (relative to the current directory).
 * @param options Where the cache lives.
 * @returns The code, its SHA-256 hash, and whether it came from the cache.
 * @throws {BundleFailed} When the module is not a local file or the bundler refuses it.
 *
 * @example
 * ```ts
 * const bundle = await bundleModule(new URL("./tasks.ts", import.meta.url), { cacheDir: "/tmp/covalent" });
 * console.log(bundle.hash, bundle.fromCache);
 * ```
 */
export async function bundleModule(entry: string | URL, options: BundleModuleOptions): Promise<ModuleBundle> {
  const entryPath = entryPathOf(entry);
  if (!statSync(entryPath, { throwIfNoEntry: false })?.isFile()) {
    throw new BundleFailed(entryPath, "no such file");
  }
  const underDeno = "Deno" in globalThis;
  const bundlerKind = underDeno ? "deno" : "esbuild";
  const cached = await readCachedBundle(options.cacheDir, bundlerKind, entryPath);
  if (cached !== undefined) return { ...cached, fromCache: true };
  const output = underDeno ? await bundleWithDeno(entryPath) : await bundleWithEsbuild(entryPath);
  const hash = await writeCachedBundle(options.cacheDir, bundlerKind, entryPath, output);
  return { code: output.code, hash, fromCache: false };
}
