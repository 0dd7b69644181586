// The installed package's manifest and entry points, as Node.js resolves them.
import { strictEqual as equal } from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";

const require = createRequire(import.meta.url);
const manifestPath = require.resolve("@covalent/awslambda/package.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

describe("the installed package", () => {
  test("VERSION of @covalent/awslambda equals its package.json version", async () => {
    const { VERSION } = await import("@covalent/awslambda");
    equal(VERSION, manifest.version);
  });

  test("each export subpath resolves to the compiled ES module", () => {
    equal(import.meta.resolve("@covalent/awslambda").endsWith("/@covalent/awslambda/esm/mod.js"), true);
    equal(
      import.meta.resolve("@covalent/awslambda/local").endsWith("/@covalent/awslambda/esm/local.js"),
      true,
    );
    equal(import.meta.resolve("@covalent/awslambda/cli").endsWith("/@covalent/awslambda/esm/cli.js"), true);
  });

  test("the bin is an executable file that starts with a node shebang", () => {
    const bin = fileURLToPath(import.meta.resolve("@covalent/awslambda/cli"));
    equal(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n"), true);
    equal((statSync(bin).mode & 0o111) !== 0, true);
  });

  test("importing @covalent/awslambda/cli runs nothing and exposes runCli", async () => {
    const cli = await import("@covalent/awslambda/cli");
    equal(typeof cli.runCli, "function");
    const lines = [];
    const code = await cli.runCli(["--version"], {
      out: (text) => lines.push(text),
      err: (text) => lines.push(text),
      stopRequested: () => new Promise(() => {}),
    });
    equal(code, 0);
    equal(lines.join("\n"), manifest.version);
  });

  test("esbuild, which bundles module tasks under Node.js, is a dependency and loads", async () => {
    equal(typeof manifest.dependencies.esbuild, "string");
    const esbuild = await import("esbuild");
    equal(esbuild.version, manifest.dependencies.esbuild);
  });
});
