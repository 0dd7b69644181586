/**
 * The access keys local AWS accepts, and who each one speaks for: long-term keys of an
 * account's root, and temporary (session) keys issued by STS, which are valid only together
 * with their session token and only until they expire.
 *
 * @module
 */

/** Who signed a request, as STS GetCallerIdentity reports it. */
export interface CallerIdentity {
  /** The account the caller acts in (the role's account for an assumed role). */
  readonly accountId: string;
  /** `arn:aws:iam::<acct>:root`, or `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** The account id for root, `AROA…:<session>` for an assumed role. */
  readonly userId: string;
  /** For an assumed role: the role's ARN (what trust policies name for role chaining). */
  readonly roleArn?: string;
}

/** The session part of temporary keys. */
export interface KeySession {
  /** The token every request signed with these keys must carry. */
  readonly token: string;
  /** When the keys stop working, epoch milliseconds. */
  readonly expiresAt: number;
  /** How the keys were made: AssumeRole keys chain roles; GetSessionToken keys cannot make more. */
  readonly source: "GetSessionToken" | "AssumeRole";
}

/** One access key. */
export interface KeyEntry {
  /** `AKIA…` (long-term) or `ASIA…` (temporary); local AWS also takes any id its options name. */
  readonly accessKeyId: string;
  /** The secret it signs with. */
  readonly secretAccessKey: string;
  /** Who it speaks for. */
  readonly caller: CallerIdentity;
  /** Present for temporary keys. */
  readonly session?: KeySession;
}

/** The keys of every account; looked up by access key id on each request. */
export interface KeyRing {
  /** The key with this id, if there is one (expired temporary keys included). */
  find(accessKeyId: string): KeyEntry | undefined;
  /** Adds a key; an id already present is replaced. */
  add(entry: KeyEntry): void;
}

/**
 * Creates an empty key ring. Expired temporary keys are dropped an hour after they expire, so a
 * long-running server does not grow without bound while a late request still gets ExpiredToken.
 *
 * @returns The key ring.
 *
 * @example
 * ```ts
 * const keys = createKeyRing();
 * keys.add({ accessKeyId: "test", secretAccessKey: "test", caller: rootIdentity("000000000000") });
 * keys.find("test")?.caller.arn; // "arn:aws:iam::000000000000:root"
 * ```
 */
export function createKeyRing(): KeyRing {
  const entries = new Map<string, KeyEntry>();
  const GRACE_MS = 3_600_000;
  return {
    find: (accessKeyId) => entries.get(accessKeyId),
    add(entry) {
      const now = Date.now();
      for (const [id, old] of entries) {
        if (old.session && old.session.expiresAt + GRACE_MS < now) entries.delete(id);
      }
      entries.set(entry.accessKeyId, entry);
    },
  };
}

/**
 * The identity of an account's root user (what long-term local keys speak for).
 *
 * @param accountId The twelve-digit account id.
 * @returns `arn:aws:iam::<acct>:root`, user id = account id.
 */
export function rootIdentity(accountId: string): CallerIdentity {
  return { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId };
}

/**
 * The identity of an AssumeRole session: what its temporary keys speak for.
 *
 * @example
 * ```ts
 * assumedRoleIdentity({ id: "AROAEXAMPLE", name: "worker", arn: "arn:aws:iam::000000000000:role/worker" }, "job");
 * // arn: "arn:aws:sts::000000000000:assumed-role/worker/job", userId: "AROAEXAMPLE:job"
 * ```
 *
 * @param role The role: its `AROA…` id, name and ARN.
 * @param sessionName The session's name.
 * @returns `arn:aws:sts::<acct>:assumed-role/<role>/<session>`, user id `<role id>:<session>`.
 */
export function assumedRoleIdentity(
  role: { readonly id: string; readonly name: string; readonly arn: string },
  sessionName: string,
): CallerIdentity {
  const accountId = role.arn.split(":")[4];
  return {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${role.name}/${sessionName}`,
    userId: `${role.id}:${sessionName}`,
    roleArn: role.arn,
  };
}
