/**
 * What local IAM stores about a role, and how a new role gets its identity.
 *
 * @module
 */
import { randomInt } from "node:crypto";

/** A tag on a role. */
export interface RoleTag {
  /** Tag key. */
  readonly Key: string;
  /** Tag value. */
  readonly Value: string;
}

/** A managed policy attached to a role. */
export interface AttachedPolicy {
  /** Policy name. */
  readonly PolicyName: string;
  /** Policy ARN. */
  readonly PolicyArn: string;
}

/** An inline policy of a role. */
export interface InlinePolicy {
  /** Policy name, unique within the role. */
  readonly PolicyName: string;
  /** The document exactly as received (JSON text, not URL-encoded). */
  readonly PolicyDocument: string;
}

/** A role as stored (plain data, so it persists as JSON). */
export interface RoleRecord {
  /** Name as created; lookups ignore its case. */
  readonly name: string;
  /** `/` or `/…/`. */
  readonly path: string;
  /** `AROA` + 17 upper-case alphanumerics. */
  readonly id: string;
  /** `arn:aws:iam::{account}:role{path}{name}`. */
  readonly arn: string;
  /** ISO-8601 creation time with zone, seconds precision as AWS sends it. */
  readonly createDate: string;
  /**
   * Creation time in epoch milliseconds, for roles made through CreateRole (what IAM's
   * propagation delay counts from). Absent for seeded roles, which count as long propagated.
   */
  readonly createdAtMs?: number;
  /** The trust policy exactly as received (JSON text, not URL-encoded). */
  readonly assumeRolePolicyDocument: string;
  /** Description, when one was given. */
  readonly description?: string;
  /** Longest session when the role is assumed, in seconds. */
  readonly maxSessionDuration: number;
  /** ARN of the permissions boundary policy, when set. */
  readonly permissionsBoundary?: string;
  /** Tags in the order given. */
  readonly tags: readonly RoleTag[];
  /** Attached managed policies in the order attached. */
  attachedPolicies: AttachedPolicy[];
  /** Inline policies in the order first put. */
  inlinePolicies: InlinePolicy[];
}

/** The trust policy of roles local IAM creates itself: Lambda may assume them. */
export const LAMBDA_TRUST_POLICY: string = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * A fresh role id: `AROA` and 17 random upper-case alphanumerics (21 characters).
 *
 * @returns The id.
 */
export function newRoleId(): string {
  let id = "AROA";
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/**
 * The ARN of a role; IAM ARNs carry no region.
 *
 * @param accountId The twelve-digit account id.
 * @param path The role's path (`/` or `/…/`).
 * @param name The role's name.
 * @returns `arn:aws:iam::{accountId}:role{path}{name}`.
 */
export function roleArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:role${path}${name}`;
}

/**
 * The current time as AWS writes IAM timestamps (`2026-11-25T08:48:16Z`).
 *
 * @returns The ISO-8601 text.
 */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
