/**
 * Puts the bootstrap module on disk (`<dataDir>/runtime/bootstrap.mjs`), where function
 * processes can run it.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bootstrapSource } from "./bootstrap/bootstrap_source.ts";
import { FLUSH_MARKER_PREFIX } from "./output_capture.ts";

/**
 * Writes the bootstrap unless an identical one is there already. The write goes through a
 * temporary file and a rename, so a process starting meanwhile never reads half a file.
 *
 * @param runtimeDir The directory for it (created if missing).
 * @returns The bootstrap's path.
 */
export async function installBootstrap(runtimeDir: string): Promise<string> {
  await mkdir(runtimeDir, { recursive: true });
  const file = join(runtimeDir, "bootstrap.mjs");
  const source = bootstrapSource(FLUSH_MARKER_PREFIX);
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing === source) return file;
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, source);
  await rename(temporary, file);
  return file;
}
