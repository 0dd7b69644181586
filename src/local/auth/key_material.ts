/**
 * Fresh key material shaped like AWS's: access key ids (`AKIA…` long-term, `ASIA…` temporary),
 * secrets and session tokens.
 *
 * @module
 */
import { randomBytes, randomInt } from "node:crypto";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * An access key id: the prefix and 16 upper-case base-32 characters (20 in all), as AWS's are
 * (S: DOC reference_identifiers "AKIA … access key", "ASIA … temporary access key").
 *
 * @param prefix `AKIA` for long-term keys, `ASIA` for temporary ones.
 * @returns The id.
 */
export function newAccessKeyId(prefix: "AKIA" | "ASIA"): string {
  let id = prefix;
  for (let i = 0; i < 16; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/**
 * A secret access key: 40 characters of base64 text, as AWS's are.
 *
 * @returns The secret.
 */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString("base64");
}

/**
 * A session token: opaque base64 text. AWS's tokens are a few hundred characters; clients
 * only pass them through.
 *
 * @returns The token.
 */
export function newSessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(180).toString("base64")}`;
}
