import { strictEqual as equal } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { VERSION } from "../mod.ts";

test("VERSION equals deno.json's version when the package is released", () => {
  const manifest = JSON.parse(readFileSync(new URL("../deno.json", import.meta.url), "utf8"));
  equal(VERSION, manifest.version);
});
