// Executor options that keep a test away from the user's home: a fresh cache directory and an
// empty Covalent config file in a temp directory, removed by `remove()`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Options for `runOnLambda` / `AWSLambdaExecutor` on the embedded local AWS.
 *
 * @returns {{ options: import("@covalent/awslambda").AWSLambdaExecutorOptions, remove(): void }}
 */
export function localExecutorOptions() {
  const dir = mkdtempSync(join(tmpdir(), "covalent-npm-test-"));
  const configFile = join(dir, "covalent.conf");
  writeFileSync(configFile, "");
  return {
    options: { endpoint: "local", cacheDir: join(dir, "cache"), configFile, pollFreq: 0.2, timeout: 30 },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
