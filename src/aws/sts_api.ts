/**
 * Asking STS who the credentials belong to: the account every S3 call names as the expected
 * bucket owner. It needs no permission, so it doubles as the check that the keys work.
 *
 * @module
 */
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import type { Effect } from "effect";
import { awsCall } from "./aws_call.ts";
import type { AwsError } from "./aws_error.ts";

/**
 * Who is calling.
 *
 * @example
 * ```ts
 * import type { CallerIdentity } from "@covalent/awslambda";
 * const identity: CallerIdentity = { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/me" };
 * ```
 */
export interface CallerIdentity {
  /** Twelve-digit account id. */
  readonly accountId: string;
  /** The caller's ARN. */
  readonly arn: string;
}

/**
 * Calls STS GetCallerIdentity once with a short-lived client.
 *
 * @param clientConfig The client's configuration.
 * @param requestTimeoutMs Longest the request may take, milliseconds.
 * @returns The identity, or an `AwsError` (`InvalidCredentials`, `ExpiredCredentials`, `Transport`, …).
 */
export function callerIdentity(
  clientConfig: STSClientConfig,
  requestTimeoutMs: number,
): Effect.Effect<CallerIdentity, AwsError> {
  return awsCall({ service: "sts", operation: "GetCallerIdentity" }, async (abortSignal) => {
    const client = new STSClient(clientConfig);
    try {
      const answer = await client.send(new GetCallerIdentityCommand({}), {
        abortSignal,
        requestTimeout: requestTimeoutMs,
      });
      return { accountId: answer.Account ?? "", arn: answer.Arn ?? "" };
    } finally {
      client.destroy();
    }
  });
}
