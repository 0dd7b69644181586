/**
 * A `credential_process` profile whose keys a test controls: the process prints whatever the
 * test last wrote, and counts how often it was asked.
 *
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Keys for the process to hand out. */
export interface ProcessKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When the process says they expire (it may claim something else than the server knows). */
  readonly expiration?: Date;
}

/** The profile and its controls. */
export interface CredentialProcessProfile {
  /** The shared credentials file. */
  readonly file: string;
  /** The profile's name in it. */
  readonly profile: string;
  /** What the process prints from now on. */
  write(keys: ProcessKeys): void;
  /** How many times the process has run. */
  calls(): number;
}

/**
 * Writes the script, its keys file and a credentials file with a `credential_process`
 * profile into a new directory under `parent`.
 *
 * @param parent An existing directory of the test suite's own.
 * @param keys The first keys to print.
 * @returns The profile and its controls.
 */
export function credentialProcessProfile(parent: string, keys: ProcessKeys): CredentialProcessProfile {
  const dir = mkdtempSync(join(parent, "profile-"));
  const keysFile = join(dir, "keys.json");
  const callsFile = join(dir, "calls.log");
  const script = join(dir, "print_keys.mjs");
  writeFileSync(
    script,
    `import { appendFileSync, readFileSync } from "node:fs";\n` +
      `appendFileSync(${JSON.stringify(callsFile)}, "x");\n` +
      `process.stdout.write(readFileSync(${JSON.stringify(keysFile)}, "utf8"));\n`,
  );
  const file = join(dir, "credentials");
  writeFileSync(file, `[process]\ncredential_process = node ${script}\n`);
  const write = (next: ProcessKeys) =>
    writeFileSync(
      keysFile,
      JSON.stringify({
        Version: 1,
        AccessKeyId: next.accessKeyId,
        SecretAccessKey: next.secretAccessKey,
        SessionToken: next.sessionToken,
        Expiration: next.expiration?.toISOString(),
      }),
    );
  write(keys);
  return {
    file,
    profile: "process",
    write,
    calls: () => (existsSync(callsFile) ? readFileSync(callsFile, "utf8").length : 0),
  };
}
