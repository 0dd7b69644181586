/**
 * The on-disk cache of module bundles.
 *
 * Layout under `cacheDir`:
 * - `bundles/<sha256 of code>.mjs`: a bundle, named by the hash of its own contents;
 * - `bundles/inputs/<entry key>.json`: for one entry module and bundler kind, the hash of the
 *   last bundle made from it and the SHA-256 of every file it was made from, plus the project
 *   files that steer resolution (`deno.json`, lock files, `package.json`, `tsconfig.json`, or
 *   their absence) in the module's directory and every directory above it.
 *
 * A lookup re-hashes those files: the bundle is reused only when every one is byte-for-byte what
 * it was, so an edit anywhere in the module graph, a dependency upgrade in `node_modules` or a
 * changed import map is noticed, while touching a file without changing it is not a miss.
 * (A new file that shadows an existing import's resolution is the one change it cannot see.)
 *
 * @module
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Bumped when the bundling options change, so older bundles are not reused. */
const CACHE_FORMAT = 1;
const PROJECT_FILES = [
  "deno.json",
  "deno.jsonc",
  "deno.lock",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

/** The recorded inputs of one entry's last bundle. */
export interface BundleManifest {
  /** The cache format it was written in. */
  readonly format: number;
  /** Absolute path of the entry module. */
  readonly entry: string;
  /** The bundler that made the bundle, e.g. `"deno 2.9.6"`. */
  readonly bundler: string;
  /** SHA-256 of the bundle's code: its file is `bundles/<hash>.mjs`. */
  readonly hash: string;
  /** Absolute path → SHA-256 of its contents, or `null` for a project file that did not exist. */
  readonly files: Readonly<Record<string, string | null>>;
}

/** SHA-256 of text or bytes, as lower-case hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

async function hashOfFile(path: string): Promise<string | null> {
  try {
    return sha256(await readFile(path));
  } catch {
    return null;
  }
}

/** The project files that steer resolution, in the entry's directory and every one above it. */
function projectFiles(entryPath: string): string[] {
  const paths: string[] = [];
  for (let dir = dirname(entryPath);; dir = dirname(dir)) {
    for (const name of PROJECT_FILES) paths.push(join(dir, name));
    if (dirname(dir) === dir) return paths;
  }
}

async function writeAtomically(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** Where one entry's manifest lives: keyed by cache format, bundler kind and entry path. */
function manifestPath(cacheDir: string, bundlerKind: string, entryPath: string): string {
  const key = sha256(JSON.stringify([CACHE_FORMAT, bundlerKind, entryPath]));
  return join(cacheDir, "bundles", "inputs", `${key}.json`);
}

/** Where a bundle with this hash lives. */
export function bundlePath(cacheDir: string, hash: string): string {
  return join(cacheDir, "bundles", `${hash}.mjs`);
}

/**
 * Returns the cached bundle of an entry when every file it was made from is unchanged.
 *
 * @returns The code and its hash, or `undefined` on a miss.
 */
export async function readCachedBundle(
  cacheDir: string,
  bundlerKind: string,
  entryPath: string,
): Promise<{ code: string; hash: string } | undefined> {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath(cacheDir, bundlerKind, entryPath), "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.format !== CACHE_FORMAT || typeof manifest.files !== "object") return undefined;
  const recorded = Object.entries(manifest.files);
  const current = await Promise.all(recorded.map(([path]) => hashOfFile(path)));
  if (recorded.some(([, hash], i) => hash !== current[i])) return undefined;
  let code: string;
  try {
    code = await readFile(bundlePath(cacheDir, manifest.hash), "utf8");
  } catch {
    return undefined;
  }
  // A damaged or half-written bundle file is a miss, not a result.
  return sha256(code) === manifest.hash ? { code, hash: manifest.hash } : undefined;
}

/**
 * Stores a bundle and the hashes of what it was made from. Both writes are atomic (write, then
 * rename), so concurrent bundlers of the same module never expose a partial file.
 *
 * @returns The bundle's hash.
 */
export async function writeCachedBundle(
  cacheDir: string,
  bundlerKind: string,
  entryPath: string,
  output: { readonly code: string; readonly files: readonly string[]; readonly bundler: string },
): Promise<string> {
  const hash = sha256(output.code);
  const paths = [...new Set([entryPath, ...output.files, ...projectFiles(entryPath)])];
  const hashes = await Promise.all(paths.map(hashOfFile));
  const files = Object.fromEntries(paths.map((path, i) => [path, hashes[i]]));
  const manifest: BundleManifest = {
    format: CACHE_FORMAT,
    entry: entryPath,
    bundler: output.bundler,
    hash,
    files,
  };
  await writeAtomically(bundlePath(cacheDir, hash), output.code);
  await writeAtomically(manifestPath(cacheDir, bundlerKind, entryPath), JSON.stringify(manifest, null, 1));
  return hash;
}
