/**
 * Finding AWS credentials before anything is uploaded, so a missing key fails early and
 * clearly instead of deep inside the first S3 call.
 *
 * @module
 */
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { Effect } from "effect";
import { CredentialsError } from "../config/config_error.ts";

/**
 * Static credentials, as the SDK clients take them.
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

/**
 * Resolves credentials from the named shared credentials file and profile, else from the
 * SDK's default provider chain. Fails with a `CredentialsError` that says where it looked.
 *
 * @example Fail early without credentials
 * ```ts
 * import { Effect } from "effect";
 * import { resolveCredentials } from "@covalent/awslambda";
 * const keys = await Effect.runPromise(resolveCredentials({ profile: "default" }));
 * ```
 */
export function resolveCredentials(
  lookup: CredentialsLookup,
): Effect.Effect<AwsCredentials, CredentialsError> {
  return Effect.tryPromise({
    try: () => {
      const provider = lookup.file !== undefined || lookup.profile !== undefined
        ? fromIni({ filepath: lookup.file, profile: lookup.profile, ignoreCache: true })
        : fromNodeProviderChain();
      return provider();
    },
    catch: (reason) => {
      const detail = reason instanceof Error ? reason.message : String(reason);
      const where = lookup.file !== undefined
        ? `profile "${lookup.profile ?? "default"}" of ${lookup.file}`
        : lookup.profile !== undefined
        ? `profile "${lookup.profile}" of the default AWS files`
        : "the environment, ~/.aws/credentials, ~/.aws/config, SSO and the instance role";
      return new CredentialsError({
        file: lookup.file,
        profile: lookup.profile,
        reason,
        message: `No usable AWS credentials in ${where} (${detail}). Set AWS_ACCESS_KEY_ID and ` +
          `AWS_SECRET_ACCESS_KEY, run \`aws configure\`, or point \`credentials\` and \`profile\` at a ` +
          `shared credentials file. For local work use endpoint "local", which needs none.`,
      });
    },
  }).pipe(Effect.withSpan("resolveCredentials"));
}
