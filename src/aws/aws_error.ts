/**
 * `AwsError`: the one error every AWS call fails with, its `reason` a tagged union the
 * pipeline catches on (never the SDK's names or messages), its cause a redacted summary.
 *
 * @module
 */
import { Data } from "effect";

/**
 * The AWS services the executor calls.
 *
 * @example
 * ```ts
 * import type { AwsService } from "@covalent/awslambda";
 * const service: AwsService = "lambda";
 * ```
 */
export type AwsService = "s3" | "lambda" | "iam" | "sts";

/**
 * Why an AWS call failed, as one tagged union.
 *
 * - `NotFound`: the bucket, object, function or role does not exist.
 * - `AlreadyExists`: a create found the resource there already.
 * - `Conflict`: the resource is busy (a function still Pending, an update in progress).
 * - `NotReady`: Lambda is (re)initialising the function; the request did nothing.
 * - `Throttled`: a rate or concurrency limit; `retryAfterMs` when AWS said how long to wait,
 *   `limit` when it said which (`ConcurrentInvocationLimitExceeded`, …).
 * - `AccessDenied`: the credentials are valid but lack a permission, or the resource
 *   belongs to another account.
 * - `InvalidCredentials`: the key id is unknown or the secret is wrong.
 * - `ExpiredCredentials`: a session token or signature has expired.
 * - `WrongRegion`: the bucket lives in another region (`bucketRegion` when AWS said which).
 * - `InvalidParameter`: AWS refused a value of the request.
 * - `RoleNotAssumable`: Lambda cannot assume the execution role (its trust policy does not
 *   name `lambda.amazonaws.com`, or IAM has not propagated a new role yet).
 * - `TooLarge`: a request or payload over AWS's size limit.
 * - `ServiceFailure`: AWS answered with a 5xx.
 * - `Transport`: no answer: the endpoint refused or could not be resolved, the connection
 *   broke, or the request timed out.
 * - `Unknown`: anything else.
 *
 * @example Decide by reason
 * ```ts
 * import type { AwsErrorReason } from "@covalent/awslambda";
 * const retryable = (reason: AwsErrorReason) => reason._tag === "Throttled" || reason._tag === "ServiceFailure";
 * ```
 */
export type AwsErrorReason =
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "AlreadyExists" }
  | { readonly _tag: "Conflict" }
  | { readonly _tag: "NotReady" }
  | { readonly _tag: "Throttled"; readonly retryAfterMs?: number; readonly limit?: string }
  | { readonly _tag: "AccessDenied" }
  | { readonly _tag: "InvalidCredentials" }
  | { readonly _tag: "ExpiredCredentials" }
  | { readonly _tag: "WrongRegion"; readonly bucketRegion?: string }
  | { readonly _tag: "InvalidParameter" }
  | { readonly _tag: "RoleNotAssumable" }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "ServiceFailure" }
  | { readonly _tag: "Transport"; readonly kind: TransportFailure }
  | { readonly _tag: "Unknown" };

/**
 * How a request got no answer.
 *
 * @example
 * ```ts
 * import type { TransportFailure } from "@covalent/awslambda";
 * const kind: TransportFailure = "refused";
 * ```
 */
export type TransportFailure = "refused" | "unresolved" | "reset" | "timeout" | "other";

/**
 * A failed AWS call. Every field is plain data; `cause` is a redacted summary of the SDK's
 * error (no request, headers, signature or session token is reachable from it).
 *
 * @example Catch a missing bucket by reason
 * ```ts
 * import { Effect } from "effect";
 * import type { AwsError } from "@covalent/awslambda";
 * declare const upload: Effect.Effect<void, AwsError>;
 * const tolerant = upload.pipe(Effect.catchIf((e) => e.reason._tag === "NotFound", () => Effect.void));
 * ```
 */
export class AwsError extends Data.Error<{
  /** The service called. */
  readonly service: AwsService;
  /** The API operation, e.g. `PutObject`. */
  readonly operation: string;
  /** What it was called on (`s3://bucket/key`, a function name, a role name), when anything. */
  readonly resource?: string;
  /** Why it failed. */
  readonly reason: AwsErrorReason;
  /** AWS's error code (`NoSuchBucket`, `AccessDenied`, …) or the socket's (`ECONNREFUSED`). */
  readonly code: string;
  /** AWS's own message, with anything secret-looking removed. */
  readonly awsMessage: string;
  /** HTTP status, when there was an answer. */
  readonly status?: number;
  /** AWS's request id, for support cases. */
  readonly requestId?: string;
  /** Requests the SDK made for this call (its own retries included). */
  readonly attempts: number;
  /** A redacted summary of the SDK's error. */
  readonly cause: Error;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "AwsError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "AwsError";

  /** `S3 PutObject on s3://b/k: access denied (AccessDenied: Access Denied)`. */
  override get message(): string {
    const target = this.resource === undefined ? "" : ` on ${this.resource}`;
    const detail = this.awsMessage === "" || this.awsMessage === this.code
      ? this.code
      : `${this.code}: ${this.awsMessage}`;
    return `${SERVICE_NAMES[this.service]} ${this.operation}${target}: ${
      describeReason(this.reason)
    } (${detail})`;
  }
}

const SERVICE_NAMES: Readonly<Record<AwsService, string>> = {
  s3: "S3",
  lambda: "Lambda",
  iam: "IAM",
  sts: "STS",
};

/**
 * A few words for a reason, for messages.
 *
 * @example
 * ```ts
 * import { describeReason } from "@covalent/awslambda";
 * describeReason({ _tag: "WrongRegion", bucketRegion: "eu-west-1" }); // "the bucket is in region eu-west-1"
 * ```
 */
export function describeReason(reason: AwsErrorReason): string {
  switch (reason._tag) {
    case "NotFound":
      return "not found";
    case "AlreadyExists":
      return "already exists";
    case "Conflict":
      return "the resource is busy";
    case "NotReady":
      return "the function is being initialised";
    case "Throttled":
      return reason.retryAfterMs === undefined
        ? "throttled"
        : `throttled (retry after ${Math.ceil(reason.retryAfterMs / 1000)} s)`;
    case "AccessDenied":
      return "access denied";
    case "InvalidCredentials":
      return "the credentials are not valid";
    case "ExpiredCredentials":
      return "the credentials have expired";
    case "WrongRegion":
      return reason.bucketRegion === undefined
        ? "the bucket is in another region"
        : `the bucket is in region ${reason.bucketRegion}`;
    case "InvalidParameter":
      return "a parameter was refused";
    case "RoleNotAssumable":
      return "Lambda cannot assume the execution role";
    case "TooLarge":
      return "too large";
    case "ServiceFailure":
      return "AWS failed internally";
    case "Transport":
      return TRANSPORT_WORDS[reason.kind];
    case "Unknown":
      return "failed";
  }
}

const TRANSPORT_WORDS: Readonly<Record<TransportFailure, string>> = {
  refused: "the endpoint refused the connection",
  unresolved: "the endpoint's host name does not resolve",
  reset: "the connection broke",
  timeout: "no answer in time",
  other: "the request could not be sent",
};
