/**
 * Makes the function's process end when the executor's process ends, even if the handler is
 * stuck in a busy loop: a worker thread watches stdin (a pipe whose other end only the
 * executor holds) and kills the process, with its process group, when it closes.
 *
 * @module
 */
import type { BootstrapModules } from "./bootstrap_modules.ts";

/**
 * Starts the watch. Self-contained: it runs inside the function's process. When no worker can
 * start, it says so in the function's log and falls back to looking at the parent from the main
 * thread, which ends a handler that waits but not one that never yields.
 *
 * @param modules `workerThreads` and `process` are used.
 */
export function watchParent(modules: Pick<BootstrapModules, "workerThreads" | "process">): void {
  const { process } = modules;
  // How often the fallback looks at the parent, milliseconds (inside: this function is shipped as text).
  const fallbackPollMs = 1_000;
  // Ends the process: it leads its own group, so this also ends anything the handler spawned.
  function die(process: typeof import("node:process")) {
    try {
      process.kill(-process.pid, "SIGKILL");
    } catch {
      process.kill(process.pid, "SIGKILL");
    }
  }
  // Runs in the worker, as a CommonJS script, with `die` passed in as its source.
  function watchStdin(
    net: typeof import("node:net"),
    process: typeof import("node:process"),
    end: typeof die,
  ) {
    const stdin = new net.Socket({ fd: 0, readable: true, writable: false });
    stdin.on("end", () => end(process));
    stdin.on("error", () => end(process));
    stdin.resume();
  }
  const parent = process.ppid;
  let fellBack = false;
  const fallBack = (why: unknown) => {
    if (fellBack) return;
    fellBack = true;
    process.stderr.write(
      `local AWS: the watch that ends this process with local AWS could not start (${
        String((why as Error)?.message ?? why).slice(0, 200)
      }); a handler that never yields would outlive local AWS\n`,
    );
    const timer = setInterval(() => {
      if (process.ppid !== parent) die(process);
    }, fallbackPollMs);
    timer.unref();
  };
  try {
    const source = `(${watchStdin.toString()})(require("node:net"), process, ${die.toString()});`;
    const worker = new modules.workerThreads.Worker(source, { eval: true });
    worker.on("error", fallBack);
    worker.unref();
  } catch (error) {
    fallBack(error);
  }
}
