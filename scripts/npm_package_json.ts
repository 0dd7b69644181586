/**
 * The npm package's manifest: names, entry points and bin from the build, dependencies from the
 * packages the output imports, each at the version deno.json's import map pins.
 *
 * @module
 */
import { BuildFailed } from "./npm_steps.ts";

/** The parts of deno.json the npm build reads. */
export interface DenoConfig {
  /** The package name, e.g. `@covalent/awslambda`. */
  readonly name: string;
  /** Its version. */
  readonly version: string;
  /** Its license (SPDX). */
  readonly license?: string;
  /** The import map: bare name → `npm:name@version` (or `npm:/name@version/` for a prefix). */
  readonly imports: Readonly<Record<string, string>>;
}

/** The repository of the source, for `repository` and `bugs` in package.json. */
const REPOSITORY = "https://github.com/covalent/awslambda";

/**
 * The version deno.json's import map pins for an npm package, or `undefined` when it has none.
 *
 * @example
 * ```ts
 * pinnedVersion({ "effect": "npm:effect@4.1.0" }, "effect"); // "4.1.0"
 * ```
 */
export function pinnedVersion(
  imports: Readonly<Record<string, string>>,
  packageName: string,
): string | undefined {
  for (const [key, target] of Object.entries(imports)) {
    const match = /^npm:\/?((?:@[^/@]+\/)?[^/@]+)@([^/]+)\/?$/.exec(target);
    if (match === null || match[1] !== packageName) continue;
    if (key === packageName || key === `${packageName}/`) return match[2];
  }
  return undefined;
}

/**
 * The `dependencies` of package.json: every package the output imports, at its pinned version.
 *
 * @param imports deno.json's import map.
 * @param packages The imported packages, each with the files that import it.
 * @returns Package name → version, sorted by name.
 * @throws {BuildFailed} Naming every imported package that deno.json does not pin.
 */
export function pinnedDependencies(
  imports: Readonly<Record<string, string>>,
  packages: ReadonlyMap<string, readonly string[]>,
): Record<string, string> {
  const dependencies: Record<string, string> = {};
  const unpinned: string[] = [];
  for (const name of [...packages.keys()].sort()) {
    const version = pinnedVersion(imports, name);
    if (version === undefined) {
      unpinned.push(`  ${name} (imported by ${packages.get(name)!.slice(0, 3).join(", ")})`);
    } else dependencies[name] = version;
  }
  if (unpinned.length > 0) {
    throw new BuildFailed(
      `the output imports npm packages that deno.json's "imports" does not pin (add "name": "npm:name@x.y.z"):\n${
        unpinned.join("\n")
      }`,
    );
  }
  return dependencies;
}

/** The entry points: export subpath → emitted module (relative to the package root, no extension). */
export type EntryPoints = Readonly<Record<string, string>>;

/**
 * Builds package.json.
 *
 * @example
 * ```ts
 * const manifest = packageJson(config, { ".": "esm/mod", "./cli": "esm/cli" }, "esm/cli.js", { effect: "4.1.0" });
 * ```
 *
 * @param config deno.json.
 * @param entryPoints Export subpath → module path without extension.
 * @param bin The command line's module.
 * @param dependencies Package name → version.
 * @returns The manifest, ready for `JSON.stringify`.
 */
export function packageJson(
  config: DenoConfig,
  entryPoints: EntryPoints,
  bin: string,
  dependencies: Record<string, string>,
): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  for (const [subpath, module] of Object.entries(entryPoints)) {
    exports[subpath] = { types: `./${module}.d.ts`, import: `./${module}.js` };
  }
  exports["./package.json"] = "./package.json";
  return {
    name: config.name,
    version: config.version,
    description:
      "Run TypeScript tasks on AWS Lambda from a workflow: Covalent's AWS Lambda executor on Effect, with an embedded local AWS (S3, Lambda, IAM, STS).",
    keywords: [
      "covalent",
      "aws",
      "lambda",
      "aws-lambda",
      "executor",
      "serverless",
      "effect",
      "workflow",
      "local-aws",
    ],
    license: config.license ?? "Apache-2.0",
    homepage: `https://jsr.io/${config.name}`,
    repository: { type: "git", url: `git+${REPOSITORY}.git` },
    bugs: { url: `${REPOSITORY}/issues` },
    type: "module",
    types: `./${entryPoints["."]}.d.ts`,
    exports,
    bin: { "covalent-awslambda": `./${bin}` },
    files: ["esm/", "docs/", "README.md", "LICENSE"],
    engines: { node: ">=20" },
    dependencies,
  };
}
