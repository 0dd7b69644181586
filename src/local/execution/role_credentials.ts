/**
 * The execution role's temporary credentials a function's environment gets, as Lambda hands
 * them out: an AssumeRole session of the function's role, named after the function
 * (`arn:aws:sts::<acct>:assumed-role/<role>/<function>`), registered with local STS so every
 * local service accepts them (S: DOC lambda/latest/dg/lambda-intro-execution-role.html;
 * DOC configuration-envvars.html, "AWS_ACCESS_KEY_ID … obtained from the function's
 * execution role").
 *
 * @module
 */
import { issueSessionCredentials } from "../auth/session_credentials.ts";
import { assumedRoleIdentity, type KeyRing } from "../auth/key_ring.ts";
import type { FunctionSpec } from "../lambda/function_executor.ts";
import type { FunctionCredentials } from "./function_environment.ts";

/** What a role looks like to this module. */
export interface AssumableRole {
  /** `AROA…`. */
  readonly id: string;
  /** The role's name. */
  readonly name: string;
  /** The role's ARN. */
  readonly arn: string;
}

// Lambda's role sessions outlive any local environment (idle ones end after minutes); AWS's
// own duration is not documented (U), 12 hours is STS's longest.
const SESSION_MS = 12 * 3_600_000;

/**
 * Builds the minting function the process executor calls for each new environment.
 *
 * @example
 * ```ts
 * const roleCredentials = roleCredentialsIssuer(keys, (arn) => iam.findRole(arn));
 * createProcessExecutor({ account, concurrency, functionStartTimeoutMs, idleMs, roleCredentials });
 * ```
 *
 * @param keys The key ring local STS registers sessions in.
 * @param findRole Looks a role up by ARN.
 * @returns The function; it gives undefined when the spec names no role or the role is gone.
 */
export function roleCredentialsIssuer(
  keys: KeyRing,
  findRole: (roleArn: string) => AssumableRole | undefined,
): (spec: FunctionSpec) => FunctionCredentials | undefined {
  return (spec) => {
    const role = spec.roleArn === undefined ? undefined : findRole(spec.roleArn);
    if (!role) return undefined;
    return issueSessionCredentials(
      keys,
      assumedRoleIdentity(role, spec.functionName),
      SESSION_MS,
      "AssumeRole",
    );
  };
}
