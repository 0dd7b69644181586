/**
 * Unpacking a deployment package into a directory, refusing entries that would land outside
 * it and keeping Unix permission bits (so executables stay executable).
 *
 * @module
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { invalidParameter } from "./lambda_failure.ts";
import { readZip, type ZipEntryInfo, ZipUnreadable } from "./zip_reader.ts";

/** AWS's limit on the unpacked size of a deployment package. */
export const UNZIPPED_LIMIT = 262_144_000;

const UNZIP_FAILED = "Could not unzip uploaded file. Please check your file, then try to upload again.";

const TYPE_MASK = 0o170000;
const SYMLINK = 0o120000;
const DIRECTORY = 0o040000;

/**
 * Unpacks `zip` into `dir` (which must exist and be empty). Throws AWS's
 * InvalidParameterValueException when the archive cannot be read, an entry would escape `dir`
 * (`../`, absolute paths, links pointing outside), or it unpacks to more than 262144000 bytes.
 */
export async function extractZip(zip: Uint8Array, dir: string): Promise<void> {
  let entries: ZipEntryInfo[];
  try {
    entries = readZip(zip);
  } catch (error) {
    if (error instanceof ZipUnreadable) throw invalidParameter(UNZIP_FAILED);
    throw error;
  }
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > UNZIPPED_LIMIT) {
    throw invalidParameter(`Unzipped size must be smaller than ${UNZIPPED_LIMIT} bytes`);
  }
  const root = resolve(dir);
  const links: Array<{ path: string; target: string }> = [];
  try {
    for (const entry of entries) {
      const path = entryPath(root, entry.name);
      const type = (entry.unixMode ?? 0) & TYPE_MASK;
      if (entry.isDirectory || type === DIRECTORY) {
        await mkdir(path, { recursive: true, mode: 0o755 });
        continue;
      }
      const data = entry.read();
      if (type === SYMLINK) {
        links.push({ path, target: new TextDecoder().decode(data) });
        continue;
      }
      await mkdir(dirname(path), { recursive: true, mode: 0o755 });
      // Owner-readable at least; the execute bits come from the archive when it has them.
      const mode = entry.unixMode === undefined ? 0o644 : (entry.unixMode & 0o777) | 0o400;
      await writeFile(path, data, { mode });
    }
    // Links last, so no later entry can be written through one.
    const targets = new Map(links.map((link) => [link.path, link.target]));
    for (const link of links) {
      if (!inside(root, followLinks(link.path, targets))) throw new ZipUnreadable("link escapes");
      await mkdir(dirname(link.path), { recursive: true, mode: 0o755 });
      await symlink(link.target, link.path);
    }
  } catch (error) {
    if (error instanceof ZipUnreadable || isFsError(error)) throw invalidParameter(UNZIP_FAILED);
    throw error;
  }
}

/** The absolute path an entry unpacks to; throws when the name would leave `root`. */
function entryPath(root: string, name: string): string {
  if (name.includes("\0") || /^([/\\]|[a-zA-Z]:)/.test(name)) throw new ZipUnreadable("absolute path");
  const parts: string[] = [];
  for (const part of name.split(/[/\\]/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") throw new ZipUnreadable("path escapes");
    parts.push(part);
  }
  const path = join(root, ...parts);
  if (!inside(root, path)) throw new ZipUnreadable("path escapes");
  return path;
}

/**
 * Where a link finally points once every link in its target is followed, as the kernel would
 * resolve it: `..` after a link applies to the link's target, so `d/up -> ..` then
 * `d/up2 -> up/..` leaves the directory although each target alone looks inside. Escaping links
 * are refused with AWS's "Could not unzip" (local AWS's code directory is on the host, not in a
 * sandbox, so unlike AWS it cannot let a link reach outside).
 */
function followLinks(linkPath: string, targets: ReadonlyMap<string, string>): string {
  let hops = 0;
  const walk = (from: string, target: string): string => {
    let current = isAbsolute(target) ? "/" : from;
    for (const part of target.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        current = dirname(current);
        continue;
      }
      current = join(current, part);
      const next = targets.get(current);
      if (next !== undefined) {
        // ELOOP: the kernel gives up after 40 links; so does this.
        if (++hops > 40) throw new ZipUnreadable("link loop");
        current = walk(dirname(current), next);
      }
    }
    return current;
  };
  return walk(dirname(linkPath), targets.get(linkPath) ?? "");
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}
