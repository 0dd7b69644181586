/**
 * The typed errors of configuration and credentials.
 *
 * @module
 */
import { Data } from "effect";

/**
 * A configuration value is malformed, of the wrong type or out of range, or the config file
 * cannot be read. The message names the key, the value, what is allowed and where it came from.
 *
 * @example Catch it
 * ```ts
 * import { ConfigError, runOnLambda } from "@covalent/awslambda";
 * try {
 *   await runOnLambda(() => 1, [], { timeout: 901 });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.key, error.message);
 * }
 * ```
 */
export class ConfigError extends Data.Error<{
  /** The key as the user wrote it (TOML or option name); empty when the whole file is at fault. */
  readonly key: string;
  /** The offending value. */
  readonly value?: unknown;
  /** What is allowed instead. */
  readonly allowed: string;
  /** Where the value came from (`/x/covalent.conf line 7`, `option timeout`, …). */
  readonly source: string;
  /** The full explanation. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "ConfigError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "ConfigError";
}

/**
 * No AWS credentials could be found, or the configured ones are unusable. Raised before
 * anything is uploaded.
 *
 * @example
 * ```ts
 * import { CredentialsError } from "@covalent/awslambda";
 * const isCredentials = (e: unknown) => e instanceof CredentialsError;
 * ```
 */
export class CredentialsError extends Data.Error<{
  /** The profile that was looked for, when one was. */
  readonly profile?: string;
  /** The shared credentials file that was read, when one was. */
  readonly file?: string;
  /** The underlying failure. */
  readonly reason: unknown;
  /** The full explanation, with what to do. */
  readonly message: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "CredentialsError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "CredentialsError";
}
