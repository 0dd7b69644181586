// The "deno doc --lint" gate: runs the command given as arguments (e.g.
// `node .ci/doc_lint.mjs npx -y deno@2.9.6 doc --lint mod.ts local.ts cli.ts`) and fails on
// every documentation finding except `private-type-ref` findings whose referenced type belongs to
// an npm package (Effect's `Effect`, `Layer`, the SDK's `S3Client`, …): JSR cannot document those,
// and the public API has to name them.
//
// deno doc does not print the referenced type's file, only its line number and text; a type is
// taken to be the project's own when one of the project's .ts files has that text on that line.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error("usage: node .ci/doc_lint.mjs <deno> doc --lint <files…>");
  process.exit(2);
}
const run = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
if (run.error) {
  console.error(`doc lint: cannot run ${command}: ${run.error.message}`);
  process.exit(1);
}
const output = `${run.stdout}\n${run.stderr}`;

function projectTypeScriptFiles(dir = ".") {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "npm") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...projectTypeScriptFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files;
}
const projectLines = projectTypeScriptFiles().map((file) => readFileSync(file, "utf8").split("\n"));
const isProjectLine = (number, text) =>
  projectLines.some((lines) => lines[number - 1]?.trimEnd() === text.trimEnd());

// A finding runs from its "error[code]: message" line to the next finding or the summary.
const findings = [];
for (const block of output.split(/\n(?=(?:error|warning)(?:\[[\w-]+\])?: )/)) {
  const head = /^(error|warning)\[([\w-]+)\]: (.*)$/m.exec(block);
  if (head === null || head.index !== block.search(/\S/)) continue;
  const location = /-->\s+(\S+)/.exec(block)?.[1] ?? "?";
  const referenced = /^\s*(\d+) \| (.*)\n\s*\|\s*-+ this is the referenced type/m.exec(block);
  findings.push({
    severity: head[1],
    code: head[2],
    message: head[3],
    location,
    referencedLine: referenced ? Number(referenced[1]) : undefined,
    referencedText: referenced ? referenced[2] : undefined,
  });
}

const fromNpm = (finding) =>
  finding.code === "private-type-ref" && finding.referencedLine !== undefined &&
  !isProjectLine(finding.referencedLine, finding.referencedText);
const ignored = findings.filter(fromNpm);
const failing = findings.filter((finding) => !fromNpm(finding));

const announced = Number(/Found (\d+) documentation lint errors?/.exec(output)?.[1] ?? 0);
const errorCount = findings.filter((finding) => finding.severity === "error").length;
let unexplained = "";
if (run.status !== 0 && findings.length === 0) {
  unexplained = `${command} exited ${run.status}:\n${output.trim()}`;
} else if (announced > errorCount) {
  unexplained = `deno doc announced ${announced} findings, ${errorCount} were understood`;
}

if (ignored.length > 0) {
  const names = [...new Set(ignored.map((finding) => /private type '([^']+)'/.exec(finding.message)?.[1]))];
  console.log(
    `doc lint: ignored ${ignored.length} private-type-ref findings on npm packages' types (${
      names.join(", ")
    })`,
  );
}
for (const finding of failing) {
  console.log(`doc lint: ${finding.location}: [${finding.code}] ${finding.message}`);
}
if (unexplained) console.log(`doc lint: ${unexplained}`);
const ok = failing.length === 0 && unexplained === "";
console.log(ok ? "doc lint: clean" : `doc lint: failed (${failing.length} finding(s) to fix)`);
process.exit(ok ? 0 : 1);
