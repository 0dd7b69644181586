import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import process from "node:process";

/** Runs the fixture in a fresh Deno process: the task it runs breaks that process's globals for good. */
function runChild(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const fixture = fileURLToPath(new URL("./fixtures/stuck_global_child.ts", import.meta.url));
  const config = fileURLToPath(new URL("../../deno.json", import.meta.url));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["run", "-A", "--config", config, fixture],
      { timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) ?? 1 : 0, stdout, stderr }),
    );
  });
}

describe("restoreGlobals()", () => {
  test("a task that pins a guarded global fails its own invocation and every later one, naming the global", async () => {
    const child = await runChild();
    equal(child.code, 0, child.stderr);
    const [before, pinned, after] = JSON.parse(child.stdout.trim().split("\n").pop()!) as Array<
      { answered?: unknown; failed?: string }
    >;
    deepEqual(before, { answered: "before" });
    ok(pinned.failed !== undefined, JSON.stringify(pinned));
    match(pinned.failed, /A task made JSON\.parse impossible to restore; .*function_per_task/);
    ok(after.failed !== undefined, "the environment refuses to run more tasks");
    match(after.failed, /JSON\.parse impossible to restore/);
  });
});
