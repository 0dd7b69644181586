/**
 * Makes the function's process end when the executor's process ends, even if the handler is
 * stuck in a busy loop: a worker thread watches stdin (a pipe whose other end only the
 * executor holds) and kills the process, with its process group, when it closes.
 *
 * @module
 */
import type { BootstrapModules } from "./bootstrap_modules.ts";

/**
 * Starts the watch. Self-contained: it runs inside the function's process. Best effort: a
 * runtime without worker support still exits when its Runtime API connection fails.
 *
 * @param modules `workerThreads` is used.
 */
export function watchParent(modules: Pick<BootstrapModules, "workerThreads">): void {
  // Runs in the worker, as a CommonJS script.
  function watchStdin(net: typeof import("node:net"), process: typeof import("node:process")) {
    const stdin = new net.Socket({ fd: 0, readable: true, writable: false });
    const die = () => {
      try {
        // The process leads its own group, so this also ends anything the handler spawned.
        process.kill(-process.pid, "SIGKILL");
      } catch {
        process.kill(process.pid, "SIGKILL");
      }
    };
    stdin.on("end", die);
    stdin.on("error", die);
    stdin.resume();
  }
  try {
    const source = `(${watchStdin.toString()})(require("node:net"), process);`;
    const worker = new modules.workerThreads.Worker(source, { eval: true });
    worker.on("error", () => {});
    worker.unref();
  } catch {
    // No worker support: rely on the Runtime API connection.
  }
}
