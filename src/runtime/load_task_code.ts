/**
 * Turning an event's code into a callable: from the warm environment's module cache when its hash
 * is there (nothing is downloaded), else from the source in the event or its presigned URL.
 *
 * @module
 */
import { decodeUtf8 } from "./captured_globals.ts";
import { cachedModule, checkCodeHash, loadModule, type TaskModule } from "./module_cache.ts";
import type { CodeSource } from "./protocol.ts";
import { restoreGlobals } from "./restore_globals.ts";
import { download } from "./transfer.ts";

/** A loaded task. */
export type TaskCallable = (...args: unknown[]) => unknown;

/**
 * The module cached for `code.hash`, else the code's source: `code.source`, else the body of
 * `code.url`. Kept apart from `loadTaskCode` so a failed download fails the invocation instead of
 * reading as the task's own error.
 *
 * @param code The event's code.
 * @returns The cached module, or the source to load.
 * @throws {TypeError} When the event names neither a source nor a URL.
 * @throws {TransferFailed} When the download fails.
 */
export async function fetchTaskCode(code: CodeSource): Promise<TaskModule | string> {
  checkCodeHash(code.hash);
  const cached = cachedModule(code.hash);
  if (cached !== undefined) return cached;
  if (typeof code.source === "string") return code.source;
  if (typeof code.url !== "string") throw new TypeError("The event's code has neither a source nor a url.");
  const bytes = await download("code download", code.url);
  // The download let timers a task left behind run: the globals are put back before going on.
  restoreGlobals();
  return decodeUtf8(bytes);
}

/**
 * Loads the code (once per hash per warm environment) and returns the function to call.
 *
 * @param code The event's code.
 * @param fetched What `fetchTaskCode` returned for it: the cached module, or the source.
 * @returns The task's function.
 * @throws Whatever evaluating the module throws, or a TypeError when the export is not a function.
 */
export async function loadTaskCode(code: CodeSource, fetched: TaskModule | string): Promise<TaskCallable> {
  const module = typeof fetched !== "string"
    ? fetched
    : await loadModule(code.hash, code.kind === "function" ? `export default (${fetched});\n` : fetched);
  const exportName = code.kind === "function" ? "default" : code.exportName ?? "default";
  const callable = module[exportName];
  if (typeof callable !== "function") {
    const found = Object.keys(module).join(", ") || "none";
    throw new TypeError(`The task module has no function export "${exportName}" (exports: ${found}).`);
  }
  return callable as TaskCallable;
}
