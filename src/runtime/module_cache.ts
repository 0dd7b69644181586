/**
 * The task modules a warm environment keeps, by code hash: at most `MODULE_CACHE_LIMIT`, least
 * recently used evicted first, its file under the temp directory deleted with it.
 *
 * Why the bound: Lambda's `/tmp` is 512 MB by default and module bundles can be megabytes, and a
 * long-lived environment serves every task of every run that shares the function. The bound
 * covers the files and what this cache keeps reachable; Node's ES module loader itself keeps
 * every module it evaluated until Lambda recycles the environment (there is no way to unload
 * one), which is why an evicted hash is imported again from the same file URL and not from a new
 * one that would evaluate a second copy.
 *
 * Each process writes under a directory of its own, so processes sharing a temp directory (local
 * AWS outside Lambda, parallel tests) never import or delete one another's files.
 *
 * @module
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pid } from "node:process";
import { pathToFileURL } from "node:url";
import { random } from "./captured_globals.ts";

/** Most task modules a warm environment keeps loaded. */
export const MODULE_CACHE_LIMIT = 32;

/** A loaded task module's exports. */
export type TaskModule = Readonly<Record<string, unknown>>;

// Insertion order is recency order: a hit is deleted and set again.
const modules = new Map<string, TaskModule>();
let directory: string | undefined;

/** Hashes name files: nothing that could leave the directory. */
const HASH = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Checks that a code hash can name a file.
 *
 * @param hash The code hash from the event.
 * @throws {TypeError} When it holds anything but letters, digits, `_` and `-`, or is too long.
 */
export function checkCodeHash(hash: unknown): asserts hash is string {
  if (typeof hash !== "string" || !HASH.test(hash)) {
    throw new TypeError(
      `The event's code.hash must be 1–128 letters, digits, "_" or "-"; got ${typeof hash}`,
    );
  }
}

/**
 * The module loaded for `hash`, marked as most recently used; `undefined` when not cached.
 *
 * @param hash The code hash.
 * @returns The module, or `undefined`.
 */
export function cachedModule(hash: string): TaskModule | undefined {
  const module = modules.get(hash);
  if (module !== undefined) {
    modules.delete(hash);
    modules.set(hash, module);
  }
  return module;
}

/** How many times each recently failed hash failed to load (bounded like the modules). */
const failures = new Map<string, number>();

function fileOf(dir: string, hash: string): string {
  return join(dir, `${hash}.mjs`);
}

/**
 * Loads ES module source as the module for `hash` (from a file, so stack traces name a real
 * file), caches it and evicts the least recently used module beyond the bound.
 *
 * @param hash The code hash (checked with `checkCodeHash`).
 * @param source The module's source.
 * @returns Its exports.
 * @throws Whatever evaluating the module throws.
 */
export async function loadModule(hash: string, source: string): Promise<TaskModule> {
  checkCodeHash(hash);
  const dir = directory ??= join(tmpdir(), `covalent-tasks-${pid}-${random().toString(36).slice(2)}`);
  // Made again each time: something may have cleared the temp directory since.
  await mkdir(dir, { recursive: true });
  const file = fileOf(dir, hash);
  await writeFile(file, source);
  // The loader remembers a module that failed to evaluate under its URL: a load after a failure
  // gets a URL of its own, so a passing problem (a flaky fetch at top level) is not failed forever.
  const failed = failures.get(hash) ?? 0;
  const url = pathToFileURL(file).href + (failed > 0 ? `?attempt=${failed + 1}` : "");
  let module: TaskModule;
  try {
    module = await import(url) as TaskModule;
  } catch (error) {
    // Not cached, so not counted by the bound: its file must not stay behind either.
    await rm(file, { force: true });
    if (failures.size >= MODULE_CACHE_LIMIT && !failures.has(hash)) {
      failures.delete(failures.keys().next().value!);
    }
    failures.set(hash, failed + 1);
    throw error;
  }
  failures.delete(hash);
  modules.delete(hash);
  modules.set(hash, module);
  while (modules.size > MODULE_CACHE_LIMIT) {
    const oldest = modules.keys().next().value!;
    modules.delete(oldest);
    // The loader keeps the evaluated module; the file is only needed to import it again.
    await rm(fileOf(dir, oldest), { force: true });
  }
  return module;
}

/**
 * The directory this process writes task modules to, once it has loaded one (for tests).
 *
 * @returns The directory, or `undefined` before the first load.
 */
export function moduleCacheDirectory(): string | undefined {
  return directory;
}

/**
 * The hashes cached now, least recently used first (for tests and logs).
 *
 * @returns The hashes.
 */
export function cachedHashes(): readonly string[] {
  return [...modules.keys()];
}
