// Running a command and reading its output as it arrives; shared by the Node suite and the
// Deno suite's CLI script test (tests/cli/cli_script_test.ts imports this file too).
import { spawn } from "node:child_process";

/**
 * Spawns a command with piped output and collects it.
 *
 * @param {string} command
 * @param {readonly string[]} args
 * @param {string} cwd
 * @returns {{ child: import("node:child_process").ChildProcess,
 *   exited: Promise<{ code: number | null, signal: string | null }>,
 *   stdout: () => string, stderr: () => string }}
 */
export function spawnCollecting(command, args, cwd) {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/**
 * Resolves with the first match of `pattern` in what `read()` returns, polling every 25 ms.
 *
 * @param {() => string} read
 * @param {RegExp} pattern
 * @param {number} timeoutMs
 * @returns {Promise<RegExpMatchArray>}
 */
export function waitFor(read, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const found = read().match(pattern);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${pattern} in output: ${read()}`));
      setTimeout(check, 25);
    };
    check();
  });
}
