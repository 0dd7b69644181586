/**
 * The single account local AWS simulates, shared by every service.
 *
 * @module
 */

/** Access keys accepted by local AWS. */
export interface LocalCredentials {
  /** Access key id. */
  readonly accessKeyId: string;
  /** Secret access key. */
  readonly secretAccessKey: string;
}

/** Facts about the simulated account that every service needs. */
export interface LocalAccount {
  /** Twelve-digit account id used in every ARN. */
  readonly accountId: string;
  /** The server's region (used for anonymous requests and as the default). */
  readonly region: string;
  /** The accepted keys. */
  readonly credentials: LocalCredentials;
  /** Directory under which services keep their state on disk. */
  readonly dataDir: string;
  /** The endpoint URL clients reach the server at; known once the server listens. */
  endpoint(): string;
}

/** The account id local AWS uses, as LocalStack and moto do. */
export const LOCAL_ACCOUNT_ID = "000000000000";
