/**
 * The fallback for hosts without read-only mounts (see `read_only_code.ts`): while a function's
 * environments run, write permission is taken off its code directory's files and directories,
 * so a write there fails with `EACCES` for a non-root user (AWS: `EROFS`). It is given back
 * once the last environment using the directory has ended: local AWS itself must be able to
 * remove the directory when the function is deleted, and removing entries needs write
 * permission on their directory.
 *
 * @module
 */
import { chmod, lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

/** Write protection of code directories, counted per directory. */
export interface CodeWriteProtection {
  /** One more environment uses `codeDir`: the first one write-protects it. */
  protect(codeDir: string): Promise<void>;
  /** One environment fewer: the last one gives back the modes it found. */
  unprotect(codeDir: string): Promise<void>;
}

interface Protected {
  users: number;
  /** The entries whose mode was changed, with the mode they had. */
  changed: [path: string, mode: number][];
  /** The chmods so far, so that protecting and unprotecting never overlap. */
  work: Promise<void>;
}

const WRITE_BITS = 0o222;

/**
 * Creates the protection. With `enabled` false (read-only mounts are available, or file
 * modes stop nobody) it changes nothing.
 *
 * @example
 * ```ts
 * const protection = createCodeWriteProtection(readOnlyCode().kind === "permissions");
 * await protection.protect(spec.codeDir);
 * // … the environment runs and ends …
 * await protection.unprotect(spec.codeDir);
 * ```
 *
 * @param enabled Whether to change modes at all.
 * @returns The protection.
 */
export function createCodeWriteProtection(enabled: boolean): CodeWriteProtection {
  const dirs = new Map<string, Protected>();
  return {
    protect(codeDir) {
      if (!enabled) return Promise.resolve();
      const entry = dirs.get(codeDir) ?? { users: 0, changed: [], work: Promise.resolve() };
      dirs.set(codeDir, entry);
      entry.users++;
      if (entry.users === 1) {
        entry.work = entry.work.then(async () => {
          entry.changed = await removeWrite(codeDir);
        });
      }
      return entry.work;
    },
    unprotect(codeDir) {
      const entry = dirs.get(codeDir);
      if (!enabled || !entry) return Promise.resolve();
      entry.users--;
      if (entry.users === 0) {
        entry.work = entry.work.then(async () => {
          const changed = entry.changed;
          entry.changed = [];
          await Promise.all(changed.map(([path, mode]) => chmod(path, mode).catch(() => {})));
          if (entry.users === 0 && dirs.get(codeDir) === entry) dirs.delete(codeDir);
        });
      }
      return entry.work;
    },
  };
}

// Files and directories lose their write bits; symbolic links are left alone (chmod would
// follow them out of the directory). An entry that cannot be changed stays as it was.
async function removeWrite(path: string): Promise<[string, number][]> {
  const changed: [string, number][] = [];
  const visit = async (entry: string): Promise<void> => {
    const stats = await lstat(entry).catch(() => undefined);
    if (!stats || stats.isSymbolicLink()) return;
    if (stats.isDirectory()) {
      const names = await readdir(entry).catch(() => [] as string[]);
      await Promise.all(names.map((name) => visit(join(entry, name))));
    }
    const mode = stats.mode & 0o7777;
    if ((mode & WRITE_BITS) === 0) return;
    await chmod(entry, mode & ~WRITE_BITS).then(() => changed.push([entry, mode]), () => {});
  };
  await visit(path);
  return changed;
}
