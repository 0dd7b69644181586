/**
 * Turning the configured execution role (a name or an ARN) into an ARN, with an error that
 * says how to create the role when it is missing.
 *
 * @module
 */
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { Effect } from "effect";
import { AwsClients } from "../aws/aws_clients.ts";
import { RoleNotFound } from "./errors/deploy_errors.ts";

/** The trust policy the execution role needs: Lambda may assume it. */
export const LAMBDA_TRUST_POLICY: string = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** The shell commands that create a suitable execution role. */
export function createRoleCommands(roleName: string): string {
  return [
    `aws iam create-role --role-name ${roleName} --assume-role-policy-document '${LAMBDA_TRUST_POLICY}'`,
    `aws iam attach-role-policy --role-name ${roleName} --policy-arn arn:aws:iam::aws:policy/AWSLambdaExecute`,
  ].join("\n  ");
}

/**
 * Resolves a role name with IAM GetRole; a full ARN is used as given (no IAM call, so users
 * without `iam:GetRole` can still deploy).
 */
export const resolveRoleArn: (role: string) => Effect.Effect<string, RoleNotFound, AwsClients> = Effect.fn(
  "resolveRoleArn",
)(function* (role: string) {
  if (role.startsWith("arn:")) return role;
  const { iam } = yield* AwsClients;
  const found = yield* Effect.tryPromise({
    try: () => iam.send(new GetRoleCommand({ RoleName: role })),
    catch: (reason) => {
      const name = (reason as { name?: string }).name;
      const missing = name === "NoSuchEntityException" || name === "NoSuchEntity";
      return new RoleNotFound({
        role,
        reason,
        message: missing
          ? `The execution role "${role}" does not exist. Create it (Lambda must be allowed to assume it):\n  ` +
            `${createRoleCommands(role)}\nor set lambda_role_name to an existing role's name or full ARN.`
          : `Cannot read the execution role "${role}" (${name}: ${(reason as Error).message}). Grant ` +
            `iam:GetRole, or set lambda_role_name to the role's full ARN so no lookup is needed.`,
      });
    },
  });
  const arn = found.Role?.Arn;
  if (!arn) {
    return yield* new RoleNotFound({
      role,
      reason: found,
      message: `IAM returned no ARN for role "${role}".`,
    });
  }
  return arn;
});
