/**
 * Turning a staged task's code into a callable, once per code hash per warm function.
 *
 * @module
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TaskDocument } from "./protocol.ts";

/** A loaded task. */
export type TaskCallable = (...args: unknown[]) => unknown;

// Modules by code hash: one module serves every export a task names.
const modules = new Map<string, Record<string, unknown>>();

/**
 * Loads the task's code as an ES module from a file under the temp directory (so stack
 * traces name a real file) and returns the function to call.
 */
export async function loadTaskCode(task: TaskDocument): Promise<TaskCallable> {
  let module = modules.get(task.codeHash);
  if (!module) {
    const source = task.kind === "function" ? `export default (${task.code});\n` : task.code;
    const dir = join(tmpdir(), "covalent-tasks");
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${task.codeHash}.mjs`);
    // Written aside and renamed into place: another process sharing this /tmp (possible outside
    // AWS) never imports a half-written file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
    await writeFile(partial, source);
    await rename(partial, file);
    module = await import(pathToFileURL(file).href) as Record<string, unknown>;
    modules.set(task.codeHash, module);
  }
  const exportName = task.kind === "function" ? "default" : task.exportName ?? "default";
  const callable = module[exportName];
  if (typeof callable !== "function") {
    const found = Object.keys(module).join(", ") || "none";
    throw new TypeError(`The task module has no function export "${exportName}" (exports: ${found}).`);
  }
  return callable as TaskCallable;
}
