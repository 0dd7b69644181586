// Executor options that keep a test away from the user's home: a fresh cache directory and an
// empty Covalent config file in a temp directory, removed by `remove()`.
import { after, before } from "node:test";
import { AWSLambdaExecutor } from "@covalent/awslambda";
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

/**
 * Registers hooks that give the surrounding suite one executor on the embedded local AWS,
 * closed (and its temp directory removed) after the suite.
 *
 * @returns {{ executor: () => import("@covalent/awslambda").AWSLambdaExecutor, options: import("@covalent/awslambda").AWSLambdaExecutorOptions }}
 */
export function localExecutorForSuite() {
  const temp = localExecutorOptions();
  let executor;
  before(() => {
    executor = new AWSLambdaExecutor(temp.options);
  });
  after(async () => {
    await executor?.close();
    temp.remove();
  });
  return { executor: () => executor, options: temp.options };
}
