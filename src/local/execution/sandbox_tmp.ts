/**
 * The `/tmp` of each execution environment. Each environment gets its own (AWS sandboxes do
 * not share `/tmp`), and when an environment is reset after a timeout or a crash, the one that
 * replaces it gets the same directory back, contents and all: AWS restarts the runtime but
 * keeps the sandbox's `/tmp` (S: LS-snap test_lambda_invoke_timed_out_environment_reuse,
 * recorded against AWS 2024-04: the module counter is back to 0, the /tmp file is still there;
 * DOC lambda/latest/dg/lambda-runtime-environment.html). A directory is removed when its
 * environment is reaped, retired or closed, as AWS discards the sandbox then.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** The `/tmp` directories of one executor. */
export interface SandboxTmp {
  /**
   * A directory for a new environment of this revision: one left by a reset environment of
   * the same revision, else a new empty one.
   */
  take(functionName: string, revisionId: string): Promise<string>;
  /** Keeps a reset environment's directory for the next environment of its revision. */
  keep(functionName: string, revisionId: string, dir: string): void;
  /** Removes a directory whose environment is gone for good. */
  remove(dir: string): Promise<void>;
  /** Removes the kept directories of a function, except those of `keepRevisionId`. */
  drop(functionName: string, keepRevisionId?: string): Promise<void>;
  /** Removes every kept directory. */
  close(): Promise<void>;
}

/**
 * Creates the directories' keeper.
 *
 * @example
 * ```ts
 * const tmp = createSandboxTmp(join(dataDir, "lambda-tmp"));
 * const dir = await tmp.take("fn", revisionId);
 * ```
 *
 * @param rootDir Where the directories live (`<dataDir>/lambda-tmp`).
 * @returns The keeper.
 */
export function createSandboxTmp(rootDir: string): SandboxTmp {
  // functionName → revisionId → directories of reset environments.
  const kept = new Map<string, Map<string, string[]>>();
  const remove = (dir: string) => rm(dir, { recursive: true, force: true });
  return {
    async take(functionName, revisionId) {
      const reused = kept.get(functionName)?.get(revisionId)?.pop();
      if (reused !== undefined) return reused;
      const dir = join(rootDir, functionName, randomBytes(8).toString("hex"));
      await mkdir(dir, { recursive: true });
      return dir;
    },
    keep(functionName, revisionId, dir) {
      const revisions = kept.get(functionName) ?? new Map<string, string[]>();
      kept.set(functionName, revisions);
      revisions.set(revisionId, [...revisions.get(revisionId) ?? [], dir]);
    },
    remove,
    async drop(functionName, keepRevisionId) {
      const revisions = kept.get(functionName);
      if (!revisions) return;
      const doomed: string[] = [];
      for (const [revisionId, dirs] of revisions) {
        if (revisionId === keepRevisionId) continue;
        doomed.push(...dirs);
        revisions.delete(revisionId);
      }
      if (revisions.size === 0) kept.delete(functionName);
      await Promise.all(doomed.map(remove));
    },
    async close() {
      const doomed = [...kept.values()].flatMap((revisions) => [...revisions.values()].flat());
      kept.clear();
      await Promise.all(doomed.map(remove));
    },
  };
}
