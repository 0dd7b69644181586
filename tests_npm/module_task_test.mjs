// A module task that imports an npm package, bundled by esbuild under Node.js.
import { deepStrictEqual as deepEqual, match, strictEqual as equal } from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import { moduleTask } from "@covalent/awslambda";
import { localExecutorForSuite } from "./support/temp_options.mjs";

describe("moduleTask() under Node.js", () => {
  const suite = localExecutorForSuite();

  test(
    "moduleTask() bundles a module that imports smol-toml with esbuild and runs it",
    { timeout: 60_000 },
    async () => {
      const entry = new URL("./fixtures/station_tasks.mjs", import.meta.url);
      const task = moduleTask(entry, "parseStation");
      const station = await suite.executor().run(task, ['name = "Ridge-7"\n[sensors]\nwind = 4\nrain = 1\n']);
      equal(station.name, "Ridge-7");
      deepEqual(station.sensors, new Map([["wind", 4], ["rain", 1]]));

      const inputsDir = join(suite.options.cacheDir, "bundles", "inputs");
      const [manifestName] = readdirSync(inputsDir);
      const manifest = JSON.parse(readFileSync(join(inputsDir, manifestName), "utf8"));
      match(manifest.bundler, /^esbuild \d+\.\d+\.\d+$/);
      equal(manifest.entry, fileURLToPath(entry));
      const inputs = Object.keys(manifest.files);
      equal(inputs.some((file) => /node_modules[\\/]smol-toml[\\/]/.test(file)), true, inputs.join("\n"));
    },
  );
});
