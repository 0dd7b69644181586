import { strictEqual as equal } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { bundleRuntime } from "../../scripts/runtime_bundle.ts";

test("runtime_source.ts matches a fresh bundle of src/runtime when the runtime was rebuilt", async () => {
  const committed = readFileSync(new URL("../../src/runtime/runtime_source.ts", import.meta.url), "utf8");
  const fresh = await bundleRuntime();
  equal(committed === fresh, true, "src/runtime/runtime_source.ts is stale: run `deno task build:runtime`");
});
