import { deepStrictEqual as deepEqual } from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { promisify } from "node:util";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

const run = promisify(execFile);
const tmp = tempDirForSuite("load-task-code-");
const loader = new URL("../../src/runtime/load_task_code.ts", import.meta.url).href;

test("loadTaskCode() loads whole modules when several processes share one /tmp and load at once", async () => {
  // A large module makes a half-written file likely if writes were not atomic.
  const padding = `/* ${"x".repeat(2_000_000)} */`;
  const code = `${padding}\nexport function answer() { return 42; }\n`;
  const task = {
    kind: "module",
    code,
    codeHash: createHash("sha256").update(code).digest("hex"),
    exportName: "answer",
  };
  const script = `import { loadTaskCode } from ${JSON.stringify(loader)};\n` +
    `const task = JSON.parse(await new Response(Deno.stdin.readable).text());\n` +
    `console.log(String((await loadTaskCode(task))()));`;
  const results = await Promise.all(
    Array.from({ length: 6 }, () => {
      const child = run(process.execPath, ["eval", "--quiet", script], {
        env: { ...process.env, TMPDIR: tmp },
      });
      child.child.stdin!.end(JSON.stringify(task));
      return child.then(({ stdout }) => stdout.trim());
    }),
  );
  deepEqual(results, ["42", "42", "42", "42", "42", "42"]);
});
