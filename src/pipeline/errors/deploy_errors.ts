/**
 * Errors of the deploy step.
 *
 * @module
 */
import { Data } from "effect";

/**
 * The Lambda function could not be created, or did not become Active.
 *
 * @example
 * ```ts
 * import { DeployError } from "@covalent/awslambda";
 * const isDeploy = (e: unknown) => e instanceof DeployError;
 * ```
 */
export class DeployError extends Data.Error<{
  /** Name of the function being deployed. */
  readonly functionName: string;
  /** The underlying failure (an SDK error, or the function's failed state reason). */
  readonly reason: unknown;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "DeployError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "DeployError";
}

/**
 * The execution role does not exist (or cannot be read). The message carries the trust and
 * permission policies the role needs.
 *
 * @example
 * ```ts
 * import { RoleNotFound } from "@covalent/awslambda";
 * const isMissingRole = (e: unknown) => e instanceof RoleNotFound;
 * ```
 */
export class RoleNotFound extends Data.Error<{
  /** The role name or ARN that was looked for. */
  readonly role: string;
  /** The underlying failure. */
  readonly reason: unknown;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "RoleNotFound" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "RoleNotFound";
}
