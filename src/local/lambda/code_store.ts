/**
 * Where deployment packages live: each distinct zip of a function is kept and unpacked once,
 * under `<dataDir>/lambda/<function>/<sha256 hex>/`, next to the zip itself.
 *
 * @module
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoredCode } from "./function_record.ts";
import { extractZip } from "./zip_extract.ts";

/** Stores and unpacks deployment packages. */
export interface CodeStore {
  /**
   * Stores a function's zip and unpacks it (once per distinct zip). Throws AWS's
   * InvalidParameterValueException when the zip cannot be unpacked safely.
   */
  store(functionName: string, zip: Uint8Array): Promise<StoredCode>;
  /** The stored zip of a function with this hex SHA-256, if there is one. */
  zipPath(functionName: string, key: string): string;
  /** Removes everything stored for a function. */
  removeFunction(functionName: string): Promise<void>;
}

/** Creates a code store rooted at `rootDir` (usually `<dataDir>/lambda`). */
export function createCodeStore(rootDir: string): CodeStore {
  const inFlight = new Map<string, Promise<StoredCode>>();
  const zipPath = (functionName: string, key: string) => join(rootDir, functionName, `${key}.zip`);

  const unpack = async (functionName: string, zip: Uint8Array, code: StoredCode): Promise<StoredCode> => {
    if (await exists(code.codeDir)) return code;
    const functionDir = join(rootDir, functionName);
    await mkdir(functionDir, { recursive: true });
    // Unpack beside the target and rename, so a half-written directory is never used.
    const staging = join(functionDir, `.staging-${randomUUID()}`);
    await mkdir(staging);
    try {
      await extractZip(zip, staging);
      await writeFile(`${staging}.zip`, zip);
      await rename(`${staging}.zip`, code.zipPath);
      await rename(staging, code.codeDir);
    } finally {
      await rm(staging, { recursive: true, force: true });
      await rm(`${staging}.zip`, { force: true });
    }
    return code;
  };

  return {
    store(functionName, zip) {
      const digest = createHash("sha256").update(zip).digest();
      const key = digest.toString("hex");
      const code: StoredCode = {
        sha256: digest.toString("base64"),
        key,
        size: zip.length,
        codeDir: join(rootDir, functionName, key.slice(0, 32)),
        zipPath: zipPath(functionName, key),
      };
      const pending = inFlight.get(code.codeDir);
      if (pending) return pending;
      const work = unpack(functionName, zip, code).finally(() => inFlight.delete(code.codeDir));
      inFlight.set(code.codeDir, work);
      return work;
    },
    zipPath,
    async removeFunction(functionName) {
      await rm(join(rootDir, functionName), { recursive: true, force: true });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
