/**
 * `IamApi`: the IAM calls the executor makes (reading the execution role).
 *
 * @module
 */
import { GetRoleCommand, IAMClient, type IAMClientConfig } from "@aws-sdk/client-iam";
import { Context, Effect } from "effect";
import { awsCall } from "./aws_call.ts";
import type { AwsError } from "./aws_error.ts";

/**
 * A role as the executor needs it.
 *
 * @example
 * ```ts
 * import type { RoleInfo } from "@covalent/awslambda";
 * const lambdaMayAssume = (role: RoleInfo) => role.trustPolicy.includes("lambda.amazonaws.com");
 * ```
 */
export interface RoleInfo {
  /** The role's ARN. */
  readonly arn: string;
  /** Its trust policy, as JSON text. */
  readonly trustPolicy: string;
}

/**
 * The IAM calls of the executor.
 *
 * @example
 * ```ts
 * import { IamApi } from "@covalent/awslambda";
 * const arn = IamApi.use((iam) => iam.getRole("CovalentLambdaExecutionRole"));
 * ```
 */
export interface IamApi {
  /** Reads a role by name. */
  getRole(name: string): Effect.Effect<RoleInfo, AwsError>;
}

/**
 * The service key of `IamApi`.
 *
 * @example
 * ```ts
 * import { IamApi } from "@covalent/awslambda";
 * const role = IamApi.use((iam) => iam.getRole("CovalentLambdaExecutionRole"));
 * ```
 */
export const IamApi: Context.Service<IamApi, IamApi> = Context.Service<IamApi>("@covalent/awslambda/IamApi");

/**
 * Builds the IAM calls over a new client; `close()` releases its connections.
 *
 * @param clientConfig The client's configuration.
 * @param requestTimeoutMs Longest a request may take, milliseconds.
 * @returns The service and how to release it.
 */
export function makeIamApi(
  clientConfig: IAMClientConfig,
  requestTimeoutMs: number,
): { readonly api: IamApi; close(): void } {
  const client = new IAMClient(clientConfig);
  const api: IamApi = {
    getRole: (name) =>
      awsCall(
        { service: "iam", operation: "GetRole", resource: name },
        (abortSignal) =>
          client.send(new GetRoleCommand({ RoleName: name }), {
            abortSignal,
            requestTimeout: requestTimeoutMs,
          }),
      ).pipe(
        Effect.map((found) => ({
          arn: found.Role?.Arn ?? "",
          // IAM returns policy documents URL-encoded.
          trustPolicy: decodePolicy(found.Role?.AssumeRolePolicyDocument),
        })),
      ),
  };
  return { api, close: () => client.destroy() };
}

function decodePolicy(text: string | undefined): string {
  if (text === undefined) return "";
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
