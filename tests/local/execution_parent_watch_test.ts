import { match, ok } from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { watchParent } from "../../src/local/execution/bootstrap/parent_watch.ts";
import { processGone } from "../support/execution_fixtures.ts";

describe("the function process's parent watch", () => {
  test("without worker threads it says so in the log and still ends a waiting handler once its parent is gone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "parent-watch-"));
    try {
      // The watch exactly as the bootstrap ships it (as text), given a Worker that cannot start.
      const child = join(dir, "child.mjs");
      await writeFile(
        child,
        `import process from "node:process";
const watchParent = (${watchParent.toString()});
watchParent({ process, workerThreads: { Worker: class { constructor() { throw new Error("no workers here"); } } } });
process.stdout.write(String(process.pid) + "\\n");
setInterval(() => {}, 60_000); // a handler that waits
`,
      );
      // A shell stands in for local AWS: it starts the function's process, and then it is killed.
      const shell = spawn("sh", [
        "-c",
        `node ${JSON.stringify(child)} 2>${JSON.stringify(join(dir, "err"))} & wait`,
      ], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      const pid = await new Promise<number>((resolve, reject) => {
        shell.stdout.once(
          "data",
          (chunk: Uint8Array) => resolve(Number(new TextDecoder().decode(chunk).trim())),
        );
        shell.once("exit", () => reject(new Error("the shell ended before the function's process started")));
      });
      ok(pid > 0);
      shell.kill("SIGKILL");
      ok(await processGone(pid, 5_000), "the waiting process ended after its parent died");
      match(
        await readFile(join(dir, "err"), "utf8"),
        /could not start \(no workers here\); a handler that never yields/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
