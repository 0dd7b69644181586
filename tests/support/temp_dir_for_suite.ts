/**
 * A temporary directory that lives as long as the tests of one describe block (or file).
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";

/**
 * Names a fresh directory under the OS temp directory and registers hooks that create it
 * before the enclosing suite's tests and remove it, with all it holds, after them. Hooks run
 * in the order they are registered, so call it after the hooks of anything that writes into
 * the directory until it stops.
 *
 * @example Files for the tests of one describe block
 * ```ts
 * describe("uploads", () => {
 *   const scratch = tempDirForSuite("uploads-test");
 *   test("a file is written", () => writeFileSync(join(scratch, "a.txt"), "a"));
 * });
 * ```
 *
 * @param prefix The start of the directory's name.
 * @returns The directory's path; it exists once the suite's `before` hooks have run.
 */
export function tempDirForSuite(prefix: string): string {
  const dir = join(tmpdir(), `${prefix}-${randomUUID()}`);
  before(() => mkdir(dir));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
