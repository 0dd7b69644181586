/**
 * Writing small state files so a crash leaves either the old or the new version, never half
 * of one: write beside, then rename over.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Writes `value` as JSON to `path` atomically.
 *
 * @param path The final file.
 * @param value Anything JSON can hold.
 * @param tempDir A directory on the same file system for the intermediate file.
 */
export async function writeJsonAtomically(path: string, value: unknown, tempDir: string): Promise<void> {
  const temp = join(tempDir, `${randomUUID()}.json`);
  try {
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Reads a JSON file, or undefined when it is missing or unreadable (a leftover of a crash).
 *
 * @param path The file.
 * @returns The parsed value.
 */
export async function readJsonIfPresent<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}
