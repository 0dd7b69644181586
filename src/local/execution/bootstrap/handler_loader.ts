/**
 * Finds and loads the handler named by `_HANDLER` the way AWS's Node.js runtime does:
 * `dir/module.a.b` loads `<task root>/dir/module` (bare, `.js` as CommonJS unless the nearest
 * package.json says `"type": "module"`, then `.mjs`, then `.cjs`, then a Node-style resolve)
 * and takes `exports.a.b`.
 *
 * @module
 */
import type { BootstrapModules, LambdaHandler } from "./bootstrap_modules.ts";
import type { ErrorFormatting } from "./error_formatting.ts";

/**
 * Loads the handler function. Self-contained: it runs inside the function's process.
 *
 * @param modules `fs`, `path`, `url` and `module` are used.
 * @param errors Makes the `Runtime.*` errors.
 * @param requireFrom A file path to anchor `require` at (the bootstrap's own file).
 * @param importModule Dynamic `import()` of a URL (kept out of here so no tool mistakes the
 *   user's module for a dependency of this library).
 * @param taskRoot The function's code directory.
 * @param fullHandler The handler string, e.g. `index.handler`.
 * @param searchDefault Also look in the module's default export (`export default { handler }`),
 *   as AWS's Node 24 runtime does (S: RIC 4.x `src/function/handler-resolver.ts`); Node 22's
 *   does not (E: RIC 3.3.0, `HandlerNotFound`).
 * @returns The handler.
 * @throws `Runtime.MalformedHandlerName`, `Runtime.ImportModuleError`,
 *   `Runtime.UserCodeSyntaxError`, `Runtime.HandlerNotFound`, or whatever the module threw.
 */
export async function loadHandler(
  modules: Pick<BootstrapModules, "fs" | "path" | "url" | "module">,
  errors: Pick<ErrorFormatting, "runtimeError">,
  requireFrom: string,
  importModule: (url: string) => Promise<Record<string, unknown>>,
  taskRoot: string,
  fullHandler: string,
  searchDefault: boolean = false,
): Promise<LambdaHandler> {
  const { fs, path, url } = modules;
  const requireFile = modules.module.createRequire(requireFrom);

  if (fullHandler.includes("..")) {
    throw errors.runtimeError(
      "MalformedHandlerName",
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleAndHandler = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(moduleAndHandler));
  const match = moduleAndHandler.match(/^([^.]*)\.(.*)$/);
  if (!match) throw errors.runtimeError("MalformedHandlerName", "Bad handler");
  const [, moduleName, propertyPath] = match;

  // existsSync, not a file check: AWS's runtime also hands a directory to require().
  const requireIfPresent = (file: string) => fs.existsSync(file) ? requireFile(file) : undefined;
  const importIfPresent = async (file: string) =>
    fs.existsSync(file) ? await importModule(url.pathToFileURL(file).href) : undefined;
  const typeIsModule = (folder: string): boolean => {
    if (folder.endsWith(`${path.sep}node_modules`)) return false;
    const manifest = path.join(folder, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, "utf8"))?.type === "module";
      } catch (error) {
        console.warn(
          `${manifest} cannot be read, it will be ignored for ES module detection purposes.`,
          error,
        );
        return false;
      }
    }
    const parent = path.dirname(folder);
    return parent === folder ? false : typeIsModule(parent);
  };

  const load = async () => {
    const base = path.resolve(taskRoot, moduleRoot, moduleName);
    const bare = requireIfPresent(base);
    if (bare) return bare;
    const esm = fs.existsSync(`${base}.js`) && typeIsModule(path.dirname(base));
    if (!esm) {
      const commonJs = requireIfPresent(`${base}.js`);
      if (commonJs) return commonJs;
    }
    const loaded = (esm && await importIfPresent(`${base}.js`)) || await importIfPresent(`${base}.mjs`) ||
      requireIfPresent(`${base}.cjs`);
    if (loaded) return loaded;
    return requireFile(
      requireFile.resolve(moduleName, { paths: [taskRoot, path.join(taskRoot, moduleRoot)] }),
    );
  };

  let userModule: Record<string, unknown>;
  try {
    userModule = await load();
  } catch (error) {
    if (error instanceof SyntaxError) throw errors.runtimeError("UserCodeSyntaxError", String(error));
    if ((error as { code?: unknown })?.code === "MODULE_NOT_FOUND") {
      throw errors.runtimeError("ImportModuleError", String(error));
    }
    throw error;
  }
  const find = (root: unknown) =>
    propertyPath.split(".").reduce<unknown>(
      (value, key) => (value as Record<string, unknown> | undefined)?.[key],
      root,
    );
  let handler = find(userModule);
  if (
    !handler && searchDefault && userModule !== null && typeof userModule === "object" &&
    "default" in userModule
  ) {
    handler = find(userModule.default);
  }
  if (!handler) throw errors.runtimeError("HandlerNotFound", `${fullHandler} is undefined or not exported`);
  if (typeof handler !== "function") {
    throw errors.runtimeError("HandlerNotFound", `${fullHandler} is not a function`);
  }
  return handler as LambdaHandler;
}
