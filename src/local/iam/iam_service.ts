/**
 * PLACEHOLDER — the IAM service (to be replaced).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { RoleDirectory } from "../lambda/dependencies.ts";
import type { LocalService } from "../service.ts";
import { queryError } from "./query_error.ts";

/** The IAM service, plus the role lookup Lambda needs. */
export interface IamService extends LocalService {
  /** Role lookup for Lambda's CreateFunction. */
  readonly roles: RoleDirectory;
  /** Creates a Lambda execution role if it does not exist; returns its ARN. */
  ensureRole(name: string): string;
}

/** Creates the IAM service, with `CovalentLambdaExecutionRole` already in it. */
export function createIamService(_account: LocalAccount): IamService {
  return {
    handle: (request) =>
      Promise.resolve(queryError("iam", 501, "NotImplemented", "not yet", request.requestId)),
    renderError: (error, requestId) => queryError("iam", error.status, error.code, error.message, requestId),
    close: () => Promise.resolve(),
    roles: { hasRole: () => true },
    ensureRole: (name) => `arn:aws:iam::000000000000:role/${name}`,
  };
}
