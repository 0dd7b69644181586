/**
 * Where the clients get their credentials: the SDK's provider (a profile, or the default
 * chain), memoized and refreshed before it expires, checked once up front so a missing key
 * fails before anything is sent.
 *
 * @module
 */
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { Effect } from "effect";
import { existsSync, readFileSync } from "node:fs";
import { CredentialsError } from "../config/config_error.ts";
import { redactSecrets } from "./redact_secrets.ts";
import type { AwsCredentials, CredentialsLookup } from "./aws_credentials.ts";

/**
 * A refreshing source of credentials.
 *
 * @example Credentials that last at least ten minutes
 * ```ts
 * import { Effect } from "effect";
 * import { credentialSource } from "@covalent/awslambda";
 * const keys = credentialSource({ profile: "research" }).pipe(Effect.flatMap((source) => source.validFor(600)));
 * ```
 */
export interface CredentialSource {
  /** The provider the SDK clients call; it answers from memory until the keys near expiry. */
  readonly provider: () => Promise<AwsCredentials>;
  /** Where the credentials come from, for messages. */
  readonly origin: string;
  /**
   * Credentials that stay valid for at least `seconds`, refreshing once if the current ones
   * expire sooner; fails with a `CredentialsError` when even fresh ones do not last that long.
   */
  validFor(seconds: number): Effect.Effect<AwsCredentials, CredentialsError>;
}

/**
 * Where to look, plus what decides a fallback.
 *
 * @example
 * ```ts
 * import type { CredentialSourceOptions } from "@covalent/awslambda";
 * const options: CredentialSourceOptions = { profile: "research", fromConfigFile: true, env: process.env };
 * ```
 */
export interface CredentialSourceOptions extends CredentialsLookup {
  /** Whether `file`/`profile` came from Covalent's config file (and not from the caller). */
  readonly fromConfigFile?: boolean;
  /** The environment, to tell whether it holds credentials of its own. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Region and endpoint for the STS/SSO clients that assume-role and SSO profiles use. */
  readonly clientConfig?: { readonly region?: string; readonly endpoint?: string };
}

/** Temporary credentials are renewed this long before they expire (the SDK's own margin). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Builds the credential source and resolves it once. A `credentials` file or `profile` that
 * came from Covalent's config file but does not exist, while the environment has keys of
 * its own, falls back to the default chain with a warning.
 *
 * @example Fail early without credentials
 * ```ts
 * import { Effect } from "effect";
 * import { credentialSource } from "@covalent/awslambda";
 * const source = await Effect.runPromise(credentialSource({}));
 * ```
 */
export const credentialSource: (
  options: CredentialSourceOptions,
) => Effect.Effect<CredentialSource, CredentialsError> = Effect.fn("credentialSource")(function* (
  options: CredentialSourceOptions,
) {
  let lookup: CredentialsLookup = { file: options.file, profile: options.profile };
  if (options.fromConfigFile && (lookup.file !== undefined || lookup.profile !== undefined)) {
    const missing = missingProfile(lookup);
    if (missing !== undefined && environmentHasKeys(options.env ?? {})) {
      yield* Effect.logWarning(
        `${missing} (named in Covalent's config file); using the credentials of the environment instead.`,
      );
      lookup = {};
    }
  }
  const origin = describeLookup(lookup);
  const fetch = lookup.file !== undefined || lookup.profile !== undefined
    ? fromIni({
      filepath: lookup.file,
      profile: lookup.profile,
      ignoreCache: true,
      clientConfig: options.clientConfig,
    })
    : fromNodeProviderChain({ clientConfig: options.clientConfig });
  const provider = memoize(() => fetch() as Promise<AwsCredentials>);
  const unusable = (reason: unknown) => credentialsError(lookup, origin, reason);
  yield* Effect.tryPromise({ try: () => provider(), catch: unusable });
  return {
    provider: () => provider(),
    origin,
    validFor: (seconds) =>
      Effect.tryPromise({ try: () => provider({ lastingMs: seconds * 1000 }), catch: unusable }).pipe(
        Effect.flatMap((keys) =>
          remainingMs(keys) >= seconds * 1000
            ? Effect.succeed(keys)
            : Effect.fail(tooShort(lookup, keys, seconds))
        ),
      ),
  };
});

type Provider = (need?: { readonly lastingMs?: number }) => Promise<AwsCredentials>;

/** One fetch at a time; answers from memory while the keys last `REFRESH_MARGIN_MS` (or what is asked). */
function memoize(fetch: () => Promise<AwsCredentials>): Provider {
  let inFlight: Promise<AwsCredentials> | undefined;
  let cached: AwsCredentials | undefined;
  return async (need = {}) => {
    const margin = Math.max(REFRESH_MARGIN_MS, need.lastingMs ?? 0);
    if (cached !== undefined && remainingMs(cached) >= margin) return cached;
    inFlight ??= fetch()
      .then((keys) => (cached = keys))
      .finally(() => (inFlight = undefined));
    return await inFlight;
  };
}

function remainingMs(keys: AwsCredentials): number {
  return keys.expiration === undefined ? Infinity : keys.expiration.getTime() - Date.now();
}

function missingProfile(lookup: CredentialsLookup): string | undefined {
  if (lookup.file === undefined) return undefined;
  if (!existsSync(lookup.file)) return `The credentials file ${lookup.file} does not exist`;
  const profile = lookup.profile ?? "default";
  const text = readFileSync(lookup.file, "utf8");
  const header = new RegExp(`^\\s*\\[\\s*(?:profile\\s+)?${escapeRegExp(profile)}\\s*\\]`, "m");
  return header.test(text) ? undefined : `The credentials file ${lookup.file} has no profile "${profile}"`;
}

function environmentHasKeys(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function describeLookup(lookup: CredentialsLookup): string {
  return lookup.file !== undefined
    ? `profile "${lookup.profile ?? "default"}" of ${lookup.file}`
    : lookup.profile !== undefined
    ? `profile "${lookup.profile}" of the default AWS files`
    : "the environment, ~/.aws/credentials, ~/.aws/config, SSO and the instance role";
}

function credentialsError(lookup: CredentialsLookup, origin: string, reason: unknown): CredentialsError {
  const detail = redactSecrets(reason instanceof Error ? reason.message : String(reason));
  return new CredentialsError({
    file: lookup.file,
    profile: lookup.profile,
    reason: detail,
    message: `No usable AWS credentials in ${origin} (${detail}). Set AWS_ACCESS_KEY_ID and ` +
      `AWS_SECRET_ACCESS_KEY, run \`aws configure\` (or \`aws sso login\`), or point \`credentials\` and ` +
      `\`profile\` at a shared credentials file. For local work use endpoint "local", which needs none.`,
  });
}

function tooShort(lookup: CredentialsLookup, keys: AwsCredentials, seconds: number): CredentialsError {
  const left = Math.max(0, Math.floor(remainingMs(keys) / 1000));
  return new CredentialsError({
    file: lookup.file,
    profile: lookup.profile,
    reason: `expires at ${keys.expiration?.toISOString()}`,
    message:
      `The credentials from ${describeLookup(lookup)} expire in ${left} s, even just refreshed, but a ` +
      `task needs URLs that stay valid for ${seconds} s (its timeout plus a margin). Use credentials that ` +
      `last longer (a longer role session or SSO session), or lower \`timeout\`.`,
  });
}
