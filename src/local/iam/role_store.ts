/**
 * The roles of local IAM, in memory and, when a directory is given, in a JSON file so a
 * data directory keeps its roles across restarts.
 *
 * @module
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { noSuchRole, QueryFailure } from "./query_failure.ts";
import type { RoleRecord } from "./role_record.ts";

/** The roles of the account; names are unique regardless of case, as in IAM. */
export interface RoleStore {
  /** The role with this name in any case, if there is one. */
  find(name: string): RoleRecord | undefined;
  /**
   * The role with this name in any case.
   * @throws {QueryFailure} `NoSuchEntity` when there is none.
   */
  get(name: string): RoleRecord;
  /** Every role. */
  all(): readonly RoleRecord[];
  /**
   * Adds a new role.
   * @throws {QueryFailure} `EntityAlreadyExists` when the name is taken in any case.
   */
  add(role: RoleRecord): void;
  /** Removes a role by name in any case. */
  remove(name: string): void;
  /** Writes the roles out after a record was changed in place. */
  save(): void;
}

interface RolesFile {
  readonly roles: RoleRecord[];
}

/**
 * Opens the role store.
 *
 * @param directory Where `roles.json` lives; `undefined` keeps the roles in memory only.
 * @returns The store, holding whatever the file held.
 * @throws {Error} when the file exists but cannot be read as a roles file.
 */
export function openRoleStore(directory: string | undefined): RoleStore {
  const file = directory === undefined ? undefined : join(directory, "roles.json");
  const roles = new Map<string, RoleRecord>();
  if (file !== undefined) {
    for (const role of loadRoles(file)) roles.set(role.name.toLowerCase(), role);
  }

  const save = () => {
    if (file === undefined || directory === undefined) return;
    // Writes are synchronous so two requests never interleave a half-written file.
    mkdirSync(directory, { recursive: true });
    const body: RolesFile = { roles: [...roles.values()] };
    writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2));
    renameSync(`${file}.tmp`, file);
  };

  return {
    find: (name) => roles.get(name.toLowerCase()),
    get: (name) => {
      const role = roles.get(name.toLowerCase());
      if (role === undefined) throw noSuchRole(name);
      return role;
    },
    all: () => [...roles.values()],
    add: (role) => {
      const key = role.name.toLowerCase();
      if (roles.has(key)) {
        throw new QueryFailure(409, "EntityAlreadyExists", `Role with name ${role.name} already exists.`);
      }
      roles.set(key, role);
      save();
    },
    remove: (name) => {
      roles.delete(name.toLowerCase());
      save();
    },
    save,
  };
}

function loadRoles(file: string): RoleRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as RolesFile;
    if (!Array.isArray(parsed.roles)) throw new Error("no `roles` array");
    return parsed.roles;
  } catch (error) {
    throw new Error(`Cannot read the IAM roles in ${file}: ${(error as Error).message}`);
  }
}
