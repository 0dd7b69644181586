/**
 * `awsCall`: runs one SDK request as an Effect that aborts the request when interrupted and
 * fails only with an `AwsError`.
 *
 * @module
 */
import { Effect } from "effect";
import type { AwsError } from "./aws_error.ts";
import { hotPathSpan } from "./hot_path_span.ts";
import { type AwsCallSite, toAwsError } from "./to_aws_error.ts";

/**
 * Sends a request through `send`, handing it the abort signal of the calling fiber, and maps
 * whatever it throws to an `AwsError` for `site`.
 *
 * @param site What is being called.
 * @param send Sends the request; must pass `signal` on to the SDK.
 * @returns The response, or an `AwsError`.
 */
export function awsCall<A>(
  site: AwsCallSite,
  send: (signal: AbortSignal) => Promise<A>,
): Effect.Effect<A, AwsError> {
  return hotPathSpan(
    Effect.tryPromise({ try: send, catch: (thrown) => toAwsError(site, thrown) }),
    `${site.service}.${site.operation}`,
  );
}
