// Counts leaf test cases in JUnit reports written by `deno test --junit-path` and by
// `node --test --test-reporter=junit`. Deno lists a describe() group as a test case too; a case
// whose name is the prefix ("<name> > ") of another case's name is a group, not a test. Node
// lists groups as <testsuite> and a file that failed to load as one failed case. A report that
// was never written (its runner crashed first) counts nothing: the caller counts the crash.
import { existsSync, readFileSync } from "node:fs";

const cases = [];
for (const file of process.argv.slice(2).filter((file) => existsSync(file))) {
  const xml = readFileSync(file, "utf8");
  const pattern = /<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(pattern)) {
    const body = match[3] ?? "";
    cases.push({ name: match[1], failed: /<(failure|error)\b/.test(body), skipped: /<skipped\b/.test(body) });
  }
}
const names = cases.map((c) => c.name);
const leaves = cases.filter((c) => !names.some((other) => other.startsWith(`${c.name} &gt; `)));
const failed = leaves.filter((c) => c.failed).length;
const passed = leaves.filter((c) => !c.failed && !c.skipped).length;
for (const c of leaves.filter((c) => c.failed)) console.error(`FAILED: ${c.name}`);
console.log(`${passed} ${failed}`);
