/**
 * The accounts local AWS simulates: the primary one it starts with, and any added later
 * (`addAccount`), each with its own root keys in the shared key ring.
 *
 * @module
 */
import { join } from "node:path";
import type { LocalAccount } from "./account.ts";
import { newAccessKeyId, newSecretAccessKey } from "./auth/key_material.ts";
import { createKeyRing, type KeyRing, rootIdentity } from "./auth/key_ring.ts";

/** What `addAccount` may be told. */
export interface AddAccountOptions {
  /** Twelve digits; omitted: `111111111111`, then `222222222222`, … */
  readonly accountId?: string;
  /** The root keys; omitted: a fresh `AKIA…` id and a random secret. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** An account as `addAccount` hands it back. */
export interface AddedAccount {
  /** Its id. */
  readonly accountId: string;
  /** Its root keys. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Every simulated account, and the keys of all of them. */
export interface AccountDirectory {
  /** The account local AWS started with. */
  readonly primary: LocalAccount;
  /** Every key of every account (long-term and temporary). */
  readonly keys: KeyRing;
  /** The account with this id, if simulated. */
  account(accountId: string): LocalAccount | undefined;
  /**
   * Adds an account.
   * @throws {Error} when the id is not twelve digits, or the id or access key is taken.
   */
  add(options?: AddAccountOptions): LocalAccount;
}

/**
 * Creates the directory with the primary account; its keys go into the key ring.
 *
 * @param primary The account local AWS starts with.
 * @returns The directory.
 *
 * @example
 * ```ts
 * const accounts = createAccountDirectory(primary);
 * const second = accounts.add(); // 111111111111 with fresh AKIA… keys
 * ```
 */
export function createAccountDirectory(primary: LocalAccount): AccountDirectory {
  const keys = createKeyRing();
  const accounts = new Map<string, LocalAccount>([[primary.accountId, primary]]);
  keys.add({ ...primary.credentials, caller: rootIdentity(primary.accountId) });

  const nextId = (): string => {
    for (let digit = 1; digit <= 9; digit++) {
      const id = String(digit).repeat(12);
      if (!accounts.has(id)) return id;
    }
    for (;;) {
      const id = String(Math.floor(Math.random() * 1e12)).padStart(12, "0");
      if (!accounts.has(id)) return id;
    }
  };

  return {
    primary,
    keys,
    account: (accountId) => accounts.get(accountId),
    add(options = {}) {
      const accountId = options.accountId ?? nextId();
      if (!/^\d{12}$/.test(accountId)) {
        throw new Error(`Cannot add account "${accountId}": an account id is 12 digits`);
      }
      if (accounts.has(accountId)) throw new Error(`Cannot add account ${accountId}: it exists already`);
      const credentials = options.credentials ??
        { accessKeyId: newAccessKeyId("AKIA"), secretAccessKey: newSecretAccessKey() };
      if (keys.find(credentials.accessKeyId)) {
        throw new Error(
          `Cannot add account ${accountId}: access key ${credentials.accessKeyId} belongs to another account`,
        );
      }
      const account: LocalAccount = {
        accountId,
        region: primary.region,
        credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
        // Each account keeps its roles, functions and runtime files apart from the others.
        dataDir: join(primary.dataDir, "accounts", accountId),
        endpoint: primary.endpoint,
      };
      accounts.set(accountId, account);
      keys.add({ ...account.credentials, caller: rootIdentity(accountId) });
      return account;
    },
  };
}
