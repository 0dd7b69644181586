/**
 * Telling whether a module is the script being run, under Deno and Node alike.
 *
 * @module
 */
import { realpathSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";

/**
 * Whether the module with this `import.meta` is the program's entry point. Deno (and Node
 * 24+) say so in `import.meta.main`; older Node is asked through `process.argv[1]`, resolved
 * through symlinks because npm links `bin` scripts.
 *
 * @example
 * ```ts
 * if (isMainModule(import.meta)) console.log("run as a script");
 * ```
 *
 * @param meta The module's `import.meta`.
 * @returns `true` when the module was started as the script.
 */
export function isMainModule(meta: ImportMeta): boolean {
  const main = (meta as { main?: unknown }).main;
  if (typeof main === "boolean") return main;
  const script = process.argv[1];
  if (script === undefined || !meta.url.startsWith("file:")) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}
