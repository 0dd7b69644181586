/**
 * Issuing temporary credentials (what STS GetSessionToken and AssumeRole hand out): `ASIA…`
 * keys, a session token, an expiry, registered in the key ring so every service accepts them
 * until they expire.
 *
 * @module
 */
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from "./key_material.ts";
import type { CallerIdentity, KeyRing, KeySession } from "./key_ring.ts";

/** Temporary credentials, as the SDK's credential objects name them. */
export interface SessionCredentials {
  /** `ASIA…`. */
  readonly accessKeyId: string;
  /** The secret to sign with. */
  readonly secretAccessKey: string;
  /** The token every request must carry. */
  readonly sessionToken: string;
  /** When they stop working. */
  readonly expiration: Date;
}

/**
 * Issues temporary credentials for a caller.
 *
 * @param keys The key ring they are registered in.
 * @param caller Who they speak for.
 * @param durationMs How long they work, in milliseconds.
 * @param source Which STS operation made them.
 * @returns The credentials.
 *
 * @example
 * ```ts
 * const credentials = issueSessionCredentials(keys, rootIdentity("000000000000"), 2000, "GetSessionToken");
 * ```
 */
export function issueSessionCredentials(
  keys: KeyRing,
  caller: CallerIdentity,
  durationMs: number,
  source: KeySession["source"],
): SessionCredentials {
  // AWS reports expiry to the second; round down so the reported time is never later than the real one.
  const expiresAt = Math.floor((Date.now() + durationMs) / 1000) * 1000;
  const credentials: SessionCredentials = {
    accessKeyId: newAccessKeyId("ASIA"),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    expiration: new Date(expiresAt),
  };
  keys.add({
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    caller,
    session: { token: credentials.sessionToken, expiresAt, source },
  });
  return credentials;
}
