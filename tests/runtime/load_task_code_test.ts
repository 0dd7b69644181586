import { deepStrictEqual as deepEqual, rejects } from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { rm } from "node:fs/promises";
import { loadTaskCode } from "../../src/runtime/load_task_code.ts";
import { moduleCacheDirectory } from "../../src/runtime/module_cache.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

const run = promisify(execFile);
const tmp = tempDirForSuite("load-task-code-");
const loader = new URL("../../src/runtime/load_task_code.ts", import.meta.url).href;
after(async () => {
  const dir = moduleCacheDirectory();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("loadTaskCode() loads whole modules when several processes share one temp directory and load at once", async () => {
  // A large module makes a half-written file likely if one process could read another's.
  const padding = `/* ${"x".repeat(2_000_000)} */`;
  const source = `${padding}\nexport function answer() { return 42; }\n`;
  const code = {
    kind: "module",
    hash: createHash("sha256").update(source).digest("hex"),
    exportName: "answer",
  };
  const script = `import { loadTaskCode } from ${JSON.stringify(loader)};\n` +
    `const { code, source } = JSON.parse(await new Response(Deno.stdin.readable).text());\n` +
    `console.log(String((await loadTaskCode(code, source))()));`;
  const results = await Promise.all(
    Array.from({ length: 6 }, () => {
      const child = run(process.execPath, ["eval", "--quiet", script], {
        env: { ...process.env, TMPDIR: tmp },
      });
      child.child.stdin!.end(JSON.stringify({ code, source }));
      return child.then(({ stdout }) => stdout.trim());
    }),
  );
  deepEqual(results, ["42", "42", "42", "42", "42", "42"]);
});

test("loadTaskCode() names the exports when the module has no function of the asked name", async () => {
  const source = "export const notAFunction = 1;\nexport function other() {}\n";
  const code = {
    kind: "module",
    hash: createHash("sha256").update(source).digest("hex"),
    exportName: "run",
  } as const;
  await rejects(loadTaskCode(code, source), {
    name: "TypeError",
    message: 'The task module has no function export "run" (exports: notAFunction, other).',
  });
});
