/**
 * Builds the npm package in `npm/` and tests it under Node.js (`deno task build:npm`).
 *
 * 1. compiles mod.ts, local.ts and cli.ts with the TypeScript compiler (the version deno.json
 *    pins) into `npm/esm/`: ES2022 modules as written, `.d.ts` declarations, source maps;
 * 2. verifies the output: no Deno API, no compiler helpers, relative imports that resolve;
 * 3. writes package.json (dependencies: the packages the output imports, at deno.json's pins),
 *    README.md, docs/ and LICENSE;
 * 4. packs it, installs the tarball into a fresh project outside the repository, type-checks a
 *    consumer against it and runs the Node suite (`tests_npm/`) there with `node --test`.
 *
 * `--junit-path <file>` copies the Node suite's JUnit report there (for CI); `--keep-temp` keeps
 * the temporary project. Any failure ends the build with exit code 1 and names the step.
 *
 * @module
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { compileForNpm } from "./npm_compile.ts";
import { type DenoConfig, packageJson, pinnedDependencies, pinnedVersion } from "./npm_package_json.ts";
import {
  copyNodeSuite,
  installIntoTempProject,
  packPackage,
  runNodeSuite,
  typeCheckConsumer,
} from "./npm_pack_test.ts";
import { BuildFailed, runCommand, runStep, stepTimings } from "./npm_steps.ts";
import { verifyNpmOutput } from "./npm_verify.ts";

const REPO_DIR = fileURLToPath(new URL("..", import.meta.url));
const NPM_DIR = join(REPO_DIR, "npm");
const OUT_DIR = join(NPM_DIR, "esm");
const ENTRY_POINTS = { ".": "mod", "./local": "local", "./cli": "cli" } as const;
const CLI_MODULE = "esm/cli.js";
// esbuild is imported lazily (only when a module task is bundled under Node) but must ship.
const REQUIRED_DEPENDENCIES = ["esbuild"];

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = args[index];
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[index + 1];
}

async function build(): Promise<void> {
  const junitPath = option("--junit-path");
  // A report left by an earlier run must not be counted when this one fails before the tests.
  if (junitPath !== undefined) rmSync(junitPath, { force: true });
  const keepTemp = process.argv.includes("--keep-temp");
  const config = JSON.parse(readFileSync(join(REPO_DIR, "deno.json"), "utf8")) as DenoConfig;
  const pin = (name: string) => {
    const version = pinnedVersion(config.imports, name);
    if (version === undefined) throw new BuildFailed(`deno.json's "imports" does not pin ${name}`);
    return `${name}@${version}`;
  };
  console.log(`npm build of ${config.name}@${config.version}`);

  await runStep(
    "deno install (node_modules with typescript and @types/node)",
    () => runCommand(process.execPath, ["install"], { cwd: REPO_DIR }),
  );

  const compiled = await runStep("compile mod.ts, local.ts, cli.ts to npm/esm", () => {
    rmSync(NPM_DIR, { recursive: true, force: true });
    const result = compileForNpm({
      repoDir: REPO_DIR,
      entryPoints: Object.values(ENTRY_POINTS).map((module) => `${module}.ts`),
      outDir: OUT_DIR,
      executables: ["cli.js"],
    });
    console.log(`  TypeScript ${result.compilerVersion}: ${result.files.length} files`);
    return result;
  });

  const dependencies = await runStep("verify the output and collect its imports", () => {
    const imported = verifyNpmOutput(OUT_DIR, compiled.files);
    for (const name of REQUIRED_DEPENDENCIES) {
      if (!imported.runtime.has(name)) throw new BuildFailed(`the output no longer imports ${name}`);
    }
    for (const line of imported.computedImports) console.log(`  computed dynamic import (unchecked):${line}`);
    const typeOnly = [...imported.types.keys()].filter((name) => !imported.runtime.has(name));
    if (typeOnly.length > 0) console.log(`  packages imported by declarations only: ${typeOnly.join(", ")}`);
    const all = new Map([...imported.types, ...imported.runtime]);
    const pinned = pinnedDependencies(config.imports, all);
    console.log(`  dependencies: ${Object.entries(pinned).map(([name, v]) => `${name}@${v}`).join(", ")}`);
    return pinned;
  });

  await runStep("write package.json, README.md, docs/, LICENSE", () => {
    const entryPoints = Object.fromEntries(
      Object.entries(ENTRY_POINTS).map(([subpath, module]) => [subpath, `esm/${module}`]),
    );
    const manifest = packageJson(config, entryPoints, CLI_MODULE, dependencies);
    writeFileSync(join(NPM_DIR, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    copyFileSync(join(REPO_DIR, "README.md"), join(NPM_DIR, "README.md"));
    // The README links to docs/ relatively; they travel along so the links hold in node_modules.
    cpSync(join(REPO_DIR, "docs"), join(NPM_DIR, "docs"), { recursive: true });
    copyFileSync(join(REPO_DIR, "LICENSE"), join(NPM_DIR, "LICENSE"));
  });

  const packDir = join(NPM_DIR, ".pack");
  const packed = await runStep("npm pack", async () => {
    mkdirSync(packDir, { recursive: true });
    const required = [
      "package.json",
      "README.md",
      "docs/LOCAL_AWS.md",
      "docs/PERFORMANCE.md",
      "LICENSE",
      CLI_MODULE,
      "esm/mod.js",
      "esm/mod.d.ts",
      "esm/local.js",
    ];
    const result = await packPackage(NPM_DIR, packDir, required);
    console.log(`  ${result.tarball} (${result.fileCount} files, ${(result.size / 1024).toFixed(0)} KiB)`);
    return result;
  });

  const projectDir = await runStep("npm install the tarball into a temporary project", async () => {
    const dir = await installIntoTempProject(packed.tarball, [
      pin("typescript"),
      pin("@types/node"),
      pin("@aws-sdk/client-s3"),
    ]);
    console.log(`  ${dir}`);
    return dir;
  });

  let succeeded = false;
  try {
    const testFiles = await runStep(
      "copy the Node suite (tests_npm/) into it",
      () => copyNodeSuite(join(REPO_DIR, "tests_npm"), projectDir),
    );

    await runStep("type-check a consumer against the installed declarations", async () => {
      const warnings = await typeCheckConsumer(projectDir);
      for (const warning of warnings) console.log(`  not ours, ignored: ${warning}`);
    });

    await runStep(
      `node --test (${testFiles.length} files, Node ${await nodeVersion()})`,
      () => runNodeSuite(projectDir, testFiles, junitPath === undefined ? undefined : resolve(junitPath)),
    );
    succeeded = true;
  } finally {
    if (succeeded && !keepTemp) rmSync(projectDir, { recursive: true, force: true });
    else console.log(`  kept the temporary project: ${projectDir}`);
  }
}

async function nodeVersion(): Promise<string> {
  const { stdout } = await runCommand("node", ["--version"], { cwd: REPO_DIR });
  return stdout.trim();
}

const started = performance.now();
try {
  await build();
  console.log(`npm build: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const { name, seconds } of stepTimings) console.log(`${seconds.toFixed(1).padStart(7)} s  ${name}`);
} catch (error) {
  console.error(`\nnpm build FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
