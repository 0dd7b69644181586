/**
 * Turning the configured execution role (a name or an ARN) into an ARN, with errors that say
 * how to create the role when it is missing, or fix it when Lambda may not assume it.
 *
 * @module
 */
import { Effect } from "effect";
import { IamApi } from "../aws/iam_api.ts";
import { DeployError, RoleNotAssumable, RoleNotFound } from "./errors/deploy_errors.ts";
import { LAMBDA_TRUST_POLICY, trustsLambda } from "./lambda_trust.ts";

/** AWS's managed policy that lets a function write its logs, and nothing else. */
export const BASIC_EXECUTION_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/** The shell commands that create a suitable execution role, with least privilege. */
export function createRoleCommands(roleName: string): string {
  return [
    `aws iam create-role --role-name ${roleName} --assume-role-policy-document '${LAMBDA_TRUST_POLICY}'`,
    `aws iam attach-role-policy --role-name ${roleName} --policy-arn ${BASIC_EXECUTION_POLICY_ARN}`,
  ].join("\n  ");
}

/**
 * Resolves a role name with IAM GetRole and checks that Lambda may assume it; a full ARN is
 * used as given (no IAM call, so users without `iam:GetRole` can still deploy).
 */
export const resolveRoleArn: (
  role: string,
  functionName: string,
) => Effect.Effect<string, RoleNotFound | RoleNotAssumable | DeployError, IamApi> = Effect.fn(
  "resolveRoleArn",
)(
  function* (role: string, functionName: string) {
    if (role.startsWith("arn:")) return role;
    const iam = yield* IamApi;
    const found = yield* iam.getRole(role).pipe(
      Effect.mapError((reason) =>
        reason.reason._tag === "NotFound" || reason.reason._tag === "AccessDenied"
          ? new RoleNotFound({ role, reason, createCommands: createRoleCommands(role) })
          // Anything else (a 5xx, throttling, the network) says nothing about the role itself.
          : new DeployError({ functionName, step: "role", reason })
      ),
    );
    if (!trustsLambda(found.trustPolicy)) {
      return yield* new RoleNotAssumable({ role, trustPolicy: LAMBDA_TRUST_POLICY });
    }
    return found.arn;
  },
);
