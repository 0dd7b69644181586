import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { BundleFailed, bundleModule } from "../../src/task/bundle_module.ts";
import { bundleWithEsbuild } from "../../src/task/bundle_with_esbuild.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

const TOML_TASK = new URL("./fixtures/toml_task.ts", import.meta.url);
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXPECTED_SUMMARY = "a+b in config.toml via .cjs";

const scratch = tempDirForSuite("bundle-module-test");

/** Writes a bundle to a file and calls one of its exports under Node with one argument. */
function callUnderNode(code: string, exportName: string, argument: unknown): string {
  const file = join(mkdtempSync(join(scratch, "run-")), "bundle.mjs");
  writeFileSync(file, code);
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)});\n` +
    `console.log(JSON.stringify(await m[${JSON.stringify(exportName)}](${JSON.stringify(argument)})));`;
  return JSON.parse(execFileSync("node", ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

/** A directory outside the project holding the given files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, "project-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function cacheDir(): string {
  return mkdtempSync(join(scratch, "cache-"));
}

describe("bundleModule() under Deno", () => {
  test("bundleModule() makes one file that Node runs when the module imports a file, an npm package and CommonJS", async () => {
    const cache = cacheDir();
    const bundle = await bundleModule(TOML_TASK, { cacheDir: cache });
    strictEqual(bundle.fromCache, false);
    strictEqual(bundle.hash, createHash("sha256").update(bundle.code).digest("hex"));
    strictEqual(readFileSync(join(cache, "bundles", `${bundle.hash}.mjs`), "utf8"), bundle.code);
    ok(!bundle.code.includes("tree-shaking-marker-unused-helper"), "unused code is shaken out");
    ok(!/from\s+["'](smol-toml|npm:|\.\/)/.test(bundle.code), "no import is left but node: built-ins");
    ok(/from\s+["']node:path["']/.test(bundle.code), "node: built-ins stay external");
    strictEqual(callUnderNode(bundle.code, "summarize", "a = 1\nb = 2"), EXPECTED_SUMMARY);
  });

  test("bundleModule() answers from the cache when called again with unchanged files", async () => {
    const cache = cacheDir();
    const first = await bundleModule(TOML_TASK, { cacheDir: cache });
    const second = await bundleModule(fileURLToPath(TOML_TASK), { cacheDir: cache });
    strictEqual(first.fromCache, false);
    strictEqual(second.fromCache, true);
    strictEqual(second.hash, first.hash);
    strictEqual(second.code, first.code);
  });

  test("bundleModule() bundles again when a file the module imports changes", async () => {
    const dir = project({
      "entry.ts":
        'import { factor } from "./dep.ts";\nexport const scale = (n: number): number => n * factor;\n',
      "dep.ts": "export const factor = 2;\n",
    });
    const cache = cacheDir();
    const entry = pathToFileURL(join(dir, "entry.ts")).href;
    const first = await bundleModule(entry, { cacheDir: cache });
    strictEqual(callUnderNode(first.code, "scale", 5), 10);
    writeFileSync(join(dir, "dep.ts"), "export const factor = 3;\n");
    const second = await bundleModule(entry, { cacheDir: cache });
    strictEqual(second.fromCache, false);
    ok(second.hash !== first.hash);
    strictEqual(callUnderNode(second.code, "scale", 5), 15);
    strictEqual((await bundleModule(entry, { cacheDir: cache })).fromCache, true);
  });

  test("bundleModule() throws BundleFailed with the bundler's message when the module has a syntax error", async () => {
    const dir = project({ "broken.ts": "export function broken(): number {\n  return 1 +;\n}\n" });
    await rejects(bundleModule(join(dir, "broken.ts"), { cacheDir: cacheDir() }), (error) => {
      ok(error instanceof BundleFailed);
      strictEqual(error.entry, join(dir, "broken.ts"));
      ok(/Expression expected|Unexpected/.test(error.bundlerMessage), error.bundlerMessage);
      ok(error.bundlerMessage.includes("broken.ts:2:"), error.bundlerMessage);
      ok(!error.bundlerMessage.includes("Stack backtrace"));
      return true;
    });
  });

  test("bundleModule() throws BundleFailed naming the import when a module it imports is missing", async () => {
    const dir = project({
      "entry.ts": 'import { nothing } from "./no_such_module.ts";\nexport const value = nothing;\n',
    });
    await rejects(bundleModule(join(dir, "entry.ts"), { cacheDir: cacheDir() }), (error) => {
      ok(error instanceof BundleFailed);
      ok(error.bundlerMessage.includes("no_such_module.ts"), error.bundlerMessage);
      return true;
    });
  });

  test("bundleModule() throws BundleFailed when the entry is not a local file", async () => {
    await rejects(
      bundleModule("https://example.com/tasks.ts", { cacheDir: cacheDir() }),
      (error) => error instanceof BundleFailed && /only local modules/.test(error.bundlerMessage),
    );
    await rejects(
      bundleModule(join(scratch, "absent.ts"), { cacheDir: cacheDir() }),
      (error) => error instanceof BundleFailed && error.bundlerMessage === "no such file",
    );
  });
});

describe("bundling with esbuild", () => {
  test("bundleWithEsbuild() makes one file that Node runs when bare packages resolve from node_modules", async () => {
    const output = await bundleWithEsbuild(fileURLToPath(TOML_TASK));
    ok(output.bundler.startsWith("esbuild "));
    ok(output.files.includes(fileURLToPath(TOML_TASK)));
    ok(output.files.some((file) => file.includes("smol-toml")), "package files are recorded for the cache");
    ok(!output.code.includes("tree-shaking-marker-unused-helper"));
    strictEqual(callUnderNode(output.code, "summarize", "a = 1\nb = 2"), EXPECTED_SUMMARY);
  });

  test("bundleWithEsbuild() throws BundleFailed with esbuild's message when the module has a syntax error", async () => {
    const dir = project({ "broken.ts": "export const x = ;\n" });
    await rejects(bundleWithEsbuild(join(dir, "broken.ts")), (error) => {
      ok(error instanceof BundleFailed);
      strictEqual(error.bundlerMessage, 'broken.ts:1:18: Unexpected ";"');
      return true;
    });
  });

  test("bundleModule() bundles with esbuild and caches when it runs under Node", () => {
    // bundleModule itself, bundled for Node with esbuild left as a package import.
    const dir = mkdtempSync(join(scratch, "node-"));
    const code = execFileSync(
      process.execPath,
      ["bundle", "--quiet", "--platform=deno", "--external=esbuild", "src/task/bundle_module.ts"],
      { cwd: PROJECT_ROOT, encoding: "utf8" },
    );
    writeFileSync(join(dir, "bundle_module.mjs"), code);
    symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
    writeFileSync(
      join(dir, "run.mjs"),
      `import { bundleModule } from "./bundle_module.mjs";
const [entry, cacheDir] = process.argv.slice(2);
const first = await bundleModule(entry, { cacheDir });
const second = await bundleModule(entry, { cacheDir });
const { summarize } = await import(new URL("./bundles/" + first.hash + ".mjs", "file://" + cacheDir + "/"));
console.log(JSON.stringify({ fromCache: [first.fromCache, second.fromCache], summary: summarize("a = 1\\nb = 2") }));
`,
    );
    const report = JSON.parse(
      execFileSync("node", [join(dir, "run.mjs"), fileURLToPath(TOML_TASK), cacheDir()], {
        encoding: "utf8",
      }),
    );
    deepStrictEqual(report, { fromCache: [false, true], summary: EXPECTED_SUMMARY });
  });
});
