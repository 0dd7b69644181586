/**
 * Compiling the module for npm with the TypeScript compiler API (the `typescript` version of
 * deno.json's import map, resolved from the project's `node_modules`): ES modules, declarations
 * and source maps, with relative `.ts` imports turned into `.js`.
 *
 * Code is emitted as written (ES2022 target, no helpers, no minification): the local Lambda
 * bootstrap is assembled from `fn.toString()` of its functions, which must stay self-contained.
 *
 * @module
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { rewriteSpecifiers, scanModule } from "./npm_module_scan.ts";
import { BuildFailed } from "./npm_steps.ts";

/** What to compile and where. */
export interface CompileOptions {
  /** The repository root (holds deno.json and node_modules). */
  readonly repoDir: string;
  /** The entry modules, relative to `repoDir` (e.g. `mod.ts`). */
  readonly entryPoints: readonly string[];
  /** Where the `.js`, `.d.ts` and `.js.map` files go, mirroring the source tree. */
  readonly outDir: string;
  /** Emitted files (relative to `outDir`) that get a `#!/usr/bin/env node` line and the executable bit. */
  readonly executables: readonly string[];
}

/** The compiled output. */
export interface CompileResult {
  /** Every file written, relative to `outDir`. */
  readonly files: readonly string[];
  /** The compiler's version. */
  readonly compilerVersion: string;
}

const SHEBANG = "#!/usr/bin/env node\n";

/**
 * The compiler options: ES2022 output, and the library of Node.js 20 (ES2023 plus the ES2024
 * parts Node 20 has), so that an API the package's minimum Node lacks fails the type check.
 */
export function npmCompilerOptions(repoDir: string, outDir: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: [
      "lib.es2023.d.ts",
      "lib.es2024.arraybuffer.d.ts",
      "lib.es2024.sharedmemory.d.ts",
      "lib.es2024.string.d.ts",
    ],
    types: ["node"],
    typeRoots: [join(repoDir, "node_modules", "@types")],
    strict: true,
    noImplicitOverride: true,
    useDefineForClassFields: true,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    declaration: true,
    sourceMap: true,
    inlineSources: true,
    removeComments: false,
    importHelpers: false,
    noEmitOnError: true,
    skipLibCheck: true,
    newLine: ts.NewLineKind.LineFeed,
    rootDir: repoDir,
    outDir,
  };
}

function relativeTsToJs(specifier: string): string {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return specifier;
  return specifier.replace(
    /\.(m|c)?tsx?$/,
    (ext) => (ext.startsWith(".m") ? ".mjs" : ext.startsWith(".c") ? ".cjs" : ".js"),
  );
}

function describeDiagnostics(diagnostics: readonly ts.Diagnostic[], repoDir: string): string {
  return ts.formatDiagnostics(diagnostics.slice(0, 30), {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => repoDir,
    getNewLine: () => "\n",
  }) + (diagnostics.length > 30 ? `… and ${diagnostics.length - 30} more\n` : "");
}

/**
 * Type-checks and compiles the entry points and everything they import.
 *
 * Declarations keep the specifiers as written, so their relative `.ts` imports are rewritten to
 * `.js` here (the compiler's `rewriteRelativeImportExtensions` does it for the JavaScript).
 * Executables get their shebang, and their source map is shifted by the added line.
 *
 * @example
 * ```ts
 * compileForNpm({ repoDir: ".", entryPoints: ["mod.ts"], outDir: "npm/esm", executables: ["cli.js"] });
 * ```
 *
 * @param options What to compile and where.
 * @returns The files written.
 * @throws {BuildFailed} With the compiler's diagnostics when the code does not type-check.
 */
export function compileForNpm(options: CompileOptions): CompileResult {
  const compilerOptions = npmCompilerOptions(options.repoDir, options.outDir);
  const rootNames = options.entryPoints.map((entry) => join(options.repoDir, entry));
  const host = ts.createCompilerHost(compilerOptions);
  const program = ts.createProgram({ rootNames, options: compilerOptions, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    throw new BuildFailed(
      `TypeScript ${ts.version} reports errors:\n${describeDiagnostics(diagnostics, options.repoDir)}`,
    );
  }
  const files: string[] = [];
  const executables = new Set(options.executables);
  const writeFile: ts.WriteFileCallback = (fileName, text) => {
    const name = relative(options.outDir, fileName);
    let output = text;
    if (name.endsWith(".d.ts")) {
      output = rewriteSpecifiers(text, scanModule(fileName, text).references, relativeTsToJs);
    } else if (executables.has(name)) {
      output = SHEBANG + text;
    } else if (name.endsWith(".js.map") && executables.has(name.slice(0, -".map".length))) {
      // One more generated line before the first: an empty first line of mappings.
      const map = JSON.parse(text) as { mappings: string };
      output = JSON.stringify({ ...map, mappings: `;${map.mappings}` });
    }
    mkdirSync(dirname(fileName), { recursive: true });
    writeFileSync(fileName, output);
    if (executables.has(name)) chmodSync(fileName, 0o755);
    files.push(name);
  };
  const emitted = program.emit(undefined, writeFile);
  if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
    throw new BuildFailed(
      `TypeScript ${ts.version} did not emit:\n${describeDiagnostics(emitted.diagnostics, options.repoDir)}`,
    );
  }
  for (const name of options.executables) {
    if (!files.includes(name)) throw new BuildFailed(`the executable ${name} was not emitted`);
  }
  return { files: files.sort(), compilerVersion: ts.version };
}
