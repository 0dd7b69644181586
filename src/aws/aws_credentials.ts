/**
 * The shapes of credentials and of where to look for them.
 *
 * @module
 */

/**
 * Keys, as the SDK clients take them.
 *
 * @example Static keys
 * ```ts
 * import type { AwsCredentials } from "@covalent/awslambda";
 * const keys: AwsCredentials = { accessKeyId: "AKIA…", secretAccessKey: "…" };
 * ```
 */
export interface AwsCredentials {
  /** Access key id. */
  readonly accessKeyId: string;
  /** Secret access key. */
  readonly secretAccessKey: string;
  /** Session token of temporary credentials. */
  readonly sessionToken?: string;
  /** When temporary credentials expire. */
  readonly expiration?: Date;
}

/**
 * Where to look for credentials.
 *
 * @example A profile of a credentials file
 * ```ts
 * import type { CredentialsLookup } from "@covalent/awslambda";
 * const lookup: CredentialsLookup = { file: "/home/me/.aws/credentials", profile: "research" };
 * ```
 */
export interface CredentialsLookup {
  /** Shared credentials file; omitted: the SDK's default chain (environment, files, SSO, instance role). */
  readonly file?: string;
  /** Profile in that file (or in the default files). */
  readonly profile?: string;
}
