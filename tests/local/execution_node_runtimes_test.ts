import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { cachedNodePath, chooseNode, nodeMajorOf } from "../../src/local/execution/node_binaries.ts";
import { describeNodeRuntimes } from "../../src/local/execution/node_runtime_lines.ts";
import { localBanner } from "../../src/cli/local_banner.ts";
import type { FunctionExecutor } from "../../src/local/lambda/function_executor.ts";
import { functionSpec, invoke, type Scratch } from "../support/execution_fixtures.ts";
import { startScratchExecutor } from "../support/scratch_executor.ts";
import { bannerFacts } from "../support/banner_facts.ts";

/** A stand-in `node` that only answers `--version`, for choosing among binaries. */
async function fakeNode(dir: string, version: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "node");
  await writeFile(file, `#!/bin/sh\necho ${version}\n`);
  await chmod(file, 0o755);
  return file;
}

describe("Node binaries by runtime major", () => {
  let scratch: Scratch;
  let executor: FunctionExecutor;
  let close: () => Promise<void>;
  before(async () => ({ scratch, executor, close } = await startScratchExecutor()));
  after(() => close());

  test("nodeMajorOf() reads the major when the runtime is nodejsNN.x", () => {
    deepEqual(["nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "python3.13"].map(nodeMajorOf), [
      18,
      20,
      22,
      24,
      undefined,
    ]);
  });

  test("chooseNode() takes the nodeBinaries entry when its major matches", async () => {
    const node22 = await fakeNode(join(scratch.dir, "opt22"), "v22.3.0");
    const choice = chooseNode(22, {
      nodeBinaries: { "22": node22 },
      env: { PATH: "" },
      cacheDir: scratch.dir,
    });
    deepEqual(choice, { wanted: 22, command: node22, major: 22, source: "option", notice: undefined });
  });

  test("chooseNode() takes COVALENT_LOCAL_NODE_<major> when no option names one", async () => {
    const node18 = await fakeNode(join(scratch.dir, "env18"), "v18.20.1");
    const choice = chooseNode(18, {
      env: { PATH: "", COVALENT_LOCAL_NODE_18: node18 },
      cacheDir: scratch.dir,
    });
    equal(choice.command, node18);
    equal(choice.source, "environment");
  });

  test("chooseNode() finds the install cache when nothing is named", async () => {
    const cacheDir = join(scratch.dir, "cache");
    const binary = cachedNodePath(26, cacheDir);
    await fakeNode(dirname(binary), "v26.0.1");
    const choice = chooseNode(26, { env: { PATH: "" }, cacheDir });
    equal(choice.command, binary);
    equal(choice.source, "cache");
  });

  test("chooseNode() takes the PATH node when its major matches", async () => {
    const bin = join(scratch.dir, "path20");
    const node20 = await fakeNode(bin, "v20.1.0");
    const choice = chooseNode(20, { env: { PATH: bin }, cacheDir: scratch.dir });
    // Under Node the running binary is the host's node; under Deno it is the PATH one.
    ok(choice.source === "path" || choice.source === "fallback");
    if (typeof (globalThis as { Deno?: unknown }).Deno !== "undefined") equal(choice.command, node20);
  });

  test("chooseNode() falls back with a plain notice when no binary of the major exists", async () => {
    const bin = join(scratch.dir, "path-old");
    await fakeNode(bin, "v20.1.0");
    const choice = chooseNode(24, { env: { PATH: bin }, cacheDir: scratch.dir });
    equal(choice.source, "fallback");
    match(
      choice.notice!,
      /no Node 24 found for nodejs24\.x; this function runs on .*Node \d+.*AWS would not do/,
    );
    match(choice.notice!, /deno run -A scripts\/install_node\.ts 24/);
  });

  test("chooseNode() names the mistake when the named binary is another major", async () => {
    const wrong = await fakeNode(join(scratch.dir, "wrong"), "v20.9.0");
    const choice = chooseNode(22, {
      nodeBinaries: { "22": wrong },
      env: { PATH: "" },
      cacheDir: scratch.dir,
    });
    equal(choice.source === "fallback" || choice.source === "none", true);
    match(choice.notice!, new RegExp(`${wrong.replaceAll("/", "\\/")} \\(from nodeBinaries\\) is Node 20`));
  });

  test("invoke() writes the fallback notice once, atop the first log, when no Node of the major exists", async () => {
    const codeDir = await scratch.code({
      "index.mjs": "export const handler = async () => process.version;",
    });
    const spec = functionSpec(codeDir, { runtime: "nodejs18.x" });
    const missing = join(scratch.dir, "no-such-node");
    const local = await startScratchExecutor({ nodeBinaries: { "18": missing } });
    try {
      const first = await invoke(local.executor, spec, {});
      match(
        first.result.log.split("\n")[0],
        /^Local AWS: no Node 18 found for nodejs18\.x \(.*cannot be run\)/,
      );
      const second = await invoke(local.executor, spec, {});
      ok(!second.result.log.includes("Local AWS:"), second.result.log);
    } finally {
      await local.close();
    }
  });

  test("localBanner() says plainly which runtimes have no Node of their major when some are missing", async () => {
    const node22 = await fakeNode(join(scratch.dir, "banner22"), "v22.3.0");
    const lines = describeNodeRuntimes({
      nodeBinaries: { "22": node22 },
      env: { PATH: "" },
      cacheDir: scratch.dir,
    });
    const banner = localBanner(bannerFacts({ nodeRuntimes: lines }));
    ok(banner.includes(`  nodejs22.x     Node 22 (${node22})`), banner);
    match(
      banner,
      / {2}nodejs24\.x {5}NO Node 24: runs on .*, unlike AWS; install: deno run -A scripts\/install_node\.ts 24/,
    );
  });

  for (const major of [22, 24]) {
    const installed = cachedNodePath(major);
    test(`invoke() runs a nodejs${major}.x function on Node ${major} when it is installed`, {
      skip: existsSync(installed)
        ? false
        : `Node ${major} is not installed (deno run -A scripts/install_node.ts ${major})`,
    }, async () => {
      const codeDir = await scratch.code({
        "index.mjs": "export const handler = async () => process.version;",
      });
      const { result, body } = await invoke(executor, functionSpec(codeDir, { runtime: `nodejs${major}.x` }));
      match(body, new RegExp(`^v${major}\\.`));
      ok(!result.log.includes("Local AWS:"), result.log);
    });
  }
});
