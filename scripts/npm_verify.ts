/**
 * Checking the compiled output before it is packed: no Deno API, no compiler helpers, every
 * relative import pointing at an emitted file, only `node:` built-ins and packages, and every
 * module with its declarations and source map. It also collects the packages the output imports.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, normalize } from "node:path";
import { type CodeFinding, scanModule } from "./npm_module_scan.ts";
import { BuildFailed } from "./npm_steps.ts";

/** The packages the output imports, each with the files that import it. */
export interface ImportedPackages {
  /** Imported by JavaScript: needed at run time. */
  readonly runtime: ReadonlyMap<string, readonly string[]>;
  /** Imported by declarations: needed by TypeScript consumers. */
  readonly types: ReadonlyMap<string, readonly string[]>;
  /** Dynamic imports with a computed specifier (not an error, but nothing can check them). */
  readonly computedImports: readonly string[];
}

/**
 * The npm package a bare specifier names: `@scope/name` or `name`, without a subpath.
 *
 * @example
 * ```ts
 * packageOf("@aws-sdk/client-s3/dist-types/index"); // "@aws-sdk/client-s3"
 * ```
 */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function declarationOf(jsPath: string): string {
  return jsPath.replace(/\.js$/, ".d.ts").replace(/\.mjs$/, ".d.mts").replace(/\.cjs$/, ".d.cts");
}

function add(map: Map<string, string[]>, key: string, file: string) {
  const files = map.get(key) ?? [];
  if (!files.includes(file)) files.push(file);
  map.set(key, files);
}

const list = (file: string, findings: readonly CodeFinding[]) =>
  findings.map((finding) => `  ${file}:${finding.line}: ${finding.text}`);

/**
 * Verifies the emitted files and returns the packages they import.
 *
 * @example
 * ```ts
 * const { runtime } = verifyNpmOutput("npm/esm", ["mod.js", "mod.d.ts", "mod.js.map"]);
 * ```
 *
 * @param outDir The directory the files were emitted to.
 * @param files The emitted files, relative to `outDir`.
 * @returns The imported packages.
 * @throws {BuildFailed} Listing every problem found.
 */
export function verifyNpmOutput(outDir: string, files: readonly string[]): ImportedPackages {
  const problems: string[] = [];
  const runtime = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  const computedImports: string[] = [];
  const emitted = new Set(files.map((file) => normalize(file)));
  for (const file of files) {
    const isDeclaration = file.endsWith(".d.ts");
    if (!isDeclaration && !file.endsWith(".js")) continue;
    if (!isDeclaration) {
      for (const companion of [declarationOf(file), `${file}.map`]) {
        if (!emitted.has(companion)) problems.push(`  ${file}: no ${companion} was emitted`);
      }
    }
    const scan = scanModule(file, readFileSync(join(outDir, file), "utf8"));
    if (!isDeclaration) {
      problems.push(...list(file, scan.denoUses).map((line) => `${line}   (Deno API use)`));
      problems.push(...list(file, scan.helperUses).map((line) => `${line}   (compiler helper)`));
      computedImports.push(...list(file, scan.computedImports));
    }
    for (const { specifier } of scan.references) {
      if (specifier.startsWith("./") || specifier.startsWith("../")) {
        const target = normalize(join(dirname(file), specifier));
        const expected = isDeclaration ? declarationOf(target) : target;
        if (!/\.(m|c)?js$/.test(specifier)) {
          problems.push(`  ${file}: relative import "${specifier}" does not end in .js`);
        } else if (!emitted.has(expected) && !existsSync(join(outDir, expected))) {
          problems.push(`  ${file}: relative import "${specifier}" points at no emitted file (${expected})`);
        }
      } else if (/^[a-z][a-z0-9+.-]*:/i.test(specifier) && !specifier.startsWith("node:")) {
        problems.push(`  ${file}: import "${specifier}" cannot be resolved by Node.js`);
      } else if (specifier.startsWith("node:") || isBuiltin(specifier)) {
        if (!isBuiltin(specifier)) problems.push(`  ${file}: "${specifier}" is not a Node.js built-in`);
      } else {
        add(isDeclaration ? types : runtime, packageOf(specifier), file);
      }
    }
  }
  if (problems.length > 0) {
    throw new BuildFailed(`the compiled output has ${problems.length} problem(s):\n${problems.join("\n")}`);
  }
  return { runtime, types, computedImports };
}
