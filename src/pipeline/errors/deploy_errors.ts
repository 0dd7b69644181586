/**
 * Errors of the deploy step.
 *
 * @module
 */
import { Data } from "effect";
import type { AwsError } from "../../aws/aws_error.ts";
import { awsFailureHint } from "./aws_failure_hint.ts";

/**
 * What the deploy step was doing when it failed.
 *
 * @example
 * ```ts
 * import type { DeployStep } from "@covalent/awslambda";
 * const step: DeployStep = "create";
 * ```
 */
export type DeployStep = "role" | "read" | "create" | "wake" | "activate";

const STEP_WORDS: Readonly<Record<DeployStep, readonly [string, string]>> = {
  role: ["reading the execution role failed", "iam:GetRole"],
  read: ["reading its state failed", "lambda:GetFunctionConfiguration"],
  create: ["creating it failed", "lambda:CreateFunction and iam:PassRole on the execution role"],
  wake: ["waking it from Inactive failed", "lambda:InvokeFunction"],
  activate: ["it did not become Active", "lambda:GetFunctionConfiguration"],
};

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
  /** What was being done. */
  readonly step: DeployStep;
  /** The failed AWS call, or Lambda's own account of a failed state (`StateReasonCode: StateReason`). */
  readonly reason: AwsError | string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "DeployError" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "DeployError";

  /** The step, the cause and what to do. */
  override get message(): string {
    const [what, permission] = STEP_WORDS[this.step];
    const head = `Cannot deploy function "${this.functionName}": ${what}`;
    if (typeof this.reason === "string") {
      return `${head}: ${this.reason}. Run \`covalent-awslambda sweep\` or delete the function, then try again.`;
    }
    const reason = this.reason.reason;
    if (reason._tag === "RoleNotAssumable") {
      return `${head}: Lambda cannot assume the execution role. Its trust policy must allow ` +
        `lambda.amazonaws.com to call sts:AssumeRole (a role created a moment ago may need a minute to ` +
        `propagate).`;
    }
    if (reason._tag === "InvalidParameter") {
      return `${head}: ${this.reason.message}. Check that \`runtime\`, \`memory_size\` and \`timeout\` are ` +
        `accepted in this region.`;
    }
    return `${head}: ${this.reason.message}. ${awsFailureHint(this.reason, permission)}`;
  }
}

/**
 * The execution role does not exist, or the credentials may not read it. The message carries
 * the commands that create it with the least privilege the function needs (or says how to
 * avoid the lookup).
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
  /** The failed IAM call. */
  readonly reason: AwsError;
  /** The commands that create a suitable role. */
  readonly createCommands: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "RoleNotFound" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "RoleNotFound";

  /** The cause and what to do. */
  override get message(): string {
    if (this.reason.reason._tag === "NotFound") {
      return `The execution role "${this.role}" does not exist. Create it (Lambda must be allowed to assume ` +
        `it; the function needs no other permission):\n  ${this.createCommands}\nor set lambda_role_name to ` +
        `an existing role's name or full ARN.`;
    }
    if (this.reason.reason._tag === "AccessDenied") {
      return `Cannot read the execution role "${this.role}": your credentials lack iam:GetRole. Grant it, or ` +
        `set lambda_role_name to the role's full ARN so no lookup is needed.`;
    }
    return `Cannot read the execution role "${this.role}": ${this.reason.message}. ` +
      awsFailureHint(this.reason, "iam:GetRole");
  }
}

/**
 * The execution role exists but Lambda may not assume it: its trust policy does not name
 * `lambda.amazonaws.com`.
 *
 * @example
 * ```ts
 * import { RoleNotAssumable } from "@covalent/awslambda";
 * const isUntrusted = (e: unknown) => e instanceof RoleNotAssumable;
 * ```
 */
export class RoleNotAssumable extends Data.Error<{
  /** The role name. */
  readonly role: string;
  /** The trust policy the role needs. */
  readonly trustPolicy: string;
}> {
  /** Discriminant for `Effect.catchTag`. */
  readonly _tag = "RoleNotAssumable" as const;
  /** Error name, equal to the tag. */
  override readonly name: string = "RoleNotAssumable";

  /** What is wrong and the command that fixes it. */
  override get message(): string {
    return `Lambda may not assume the execution role "${this.role}": its trust policy does not allow ` +
      `lambda.amazonaws.com. Fix it with\n  aws iam update-assume-role-policy --role-name ${this.role} ` +
      `--policy-document '${this.trustPolicy}'`;
  }
}
