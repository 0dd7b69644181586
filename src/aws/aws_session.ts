/**
 * `AwsSession`: the facts every AWS call of one executor shares: region, endpoint, and the
 * account the credentials belong to.
 *
 * @module
 */
import { Context } from "effect";

/**
 * Who is calling, and where.
 *
 * @example Read the caller's account
 * ```ts
 * import { AwsSession } from "@covalent/awslambda";
 * const account = AwsSession.useSync((session) => session.accountId);
 * ```
 */
export interface AwsSession {
  /** The region of every client. */
  readonly region: string;
  /** The endpoint URL, when not AWS itself. */
  readonly endpoint?: string;
  /** The account of the credentials (every S3 call names it as the expected bucket owner). */
  readonly accountId: string;
  /** The caller's ARN. */
  readonly callerArn: string;
  /** Where the credentials came from, for messages. */
  readonly credentialsOrigin: string;
}

/**
 * The service key of `AwsSession`.
 *
 * @example
 * ```ts
 * import { AwsSession } from "@covalent/awslambda";
 * const region = AwsSession.useSync((session) => session.region);
 * ```
 */
export const AwsSession: Context.Service<AwsSession, AwsSession> = Context.Service<AwsSession>(
  "@covalent/awslambda/AwsSession",
);
