/**
 * Local IAM: the role operations Lambda users need, over the AWS query protocol, plus the
 * role lookup the local Lambda service uses to check `Role` on CreateFunction.
 *
 * @module
 */
import { join } from "node:path";
import type { LocalAccount } from "../account.ts";
import type { RoleDirectory } from "../lambda/dependencies.ts";
import type { LocalService } from "../service.ts";
import { LAMBDA_EXECUTE_POLICY_ARN, MANAGED_POLICIES } from "./managed_policies.ts";
import { NAME_PATTERN } from "./member_checks.ts";
import { identifyQueryAction } from "./query_action.ts";
import { handleQueryRequest, type QueryServiceSpec } from "./query_dispatch.ts";
import { queryError } from "./query_error.ts";
import { roleOperations } from "./role_actions.ts";
import { rolePolicyOperations } from "./role_policy_actions.ts";
import { isoNow, LAMBDA_TRUST_POLICY, newRoleId, roleArn, type RoleRecord } from "./role_record.ts";
import { openRoleStore, type RoleStore } from "./role_store.ts";
import { trustPolicyAllows } from "./trust_policy.ts";

/** The role the executor uses by default; local IAM has it from the start. */
export const DEFAULT_ROLE_NAME = "CovalentLambdaExecutionRole";

/** `arn:aws:iam::{account}:role{path}{name}`, with the path (`/` or `/…/`) and name captured. */
const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/;

/** The IAM service, plus the role lookup Lambda needs. */
export interface IamService extends LocalService {
  /** Role lookup for Lambda's CreateFunction. */
  readonly roles: RoleDirectory;
  /** Creates a Lambda execution role if it does not exist; returns its ARN. */
  ensureRole(name: string): string;
  /** The role with this ARN (path included), for STS AssumeRole. */
  findRole(roleArn: string): RoleRecord | undefined;
}

/** How local IAM behaves beyond its data. */
export interface IamServiceOptions {
  /**
   * How long after CreateRole other services cannot yet use the role (milliseconds), as IAM's
   * eventual consistency makes Lambda refuse a role for about 10 s after it was created.
   * @default {0}
   */
  readonly rolePropagationMs?: number;
}

/**
 * Creates the IAM service, with `CovalentLambdaExecutionRole` already in it (trusting
 * `lambda.amazonaws.com`, `AWSLambdaExecute` attached). Roles are kept in
 * `${account.dataDir}/iam/roles.json`, so a kept data directory keeps its roles.
 *
 * @example Serve IAM and check a role for Lambda
 * ```ts
 * const iam = createIamService(account);
 * const arn = iam.ensureRole("my-role");
 * iam.roles.hasRole(arn); // true
 * ```
 *
 * @param account The simulated account.
 * @param options Propagation delay.
 * @returns The service.
 * @throws {Error} when the data directory holds an unreadable roles file.
 */
export function createIamService(account: LocalAccount, options: IamServiceOptions = {}): IamService {
  const store = openRoleStore(join(account.dataDir, "iam"));
  const ensureRole = (name: string) => ensureLambdaRole(store, account.accountId, name);
  ensureRole(DEFAULT_ROLE_NAME);
  const spec: QueryServiceSpec = {
    service: "iam",
    version: "2010-05-08",
    operations: new Map([...roleOperations(store, account.accountId), ...rolePolicyOperations(store)]),
  };
  return {
    identify: identifyQueryAction,
    handle: (request) => handleQueryRequest(spec, request),
    renderError: (error, requestId) => queryError("iam", error.status, error.code, error.message, requestId),
    close: () => Promise.resolve(),
    roles: {
      hasRole: (arn) => findRole(arn) !== undefined,
      lambdaCanAssume: (arn) => {
        const role = findRole(arn);
        if (role === undefined) return false;
        // A role younger than the propagation delay is not yet visible to Lambda.
        const age = Date.now() - (role.createdAtMs ?? 0);
        if (age < (options.rolePropagationMs ?? 0)) return false;
        return trustPolicyAllows(role.assumeRolePolicyDocument, { service: "lambda.amazonaws.com" });
      },
    },
    ensureRole,
    findRole,
  };

  function findRole(arn: string): RoleRecord | undefined {
    const match = ROLE_ARN.exec(arn);
    if (match === null || match[1] !== account.accountId) return undefined;
    const role = store.find(match[3]);
    return role?.path === match[2] ? role : undefined;
  }
}

function ensureLambdaRole(store: RoleStore, accountId: string, name: string): string {
  const existing = store.find(name);
  if (existing !== undefined) return existing.arn;
  if (name.length > 64 || !NAME_PATTERN.regex.test(name)) {
    throw new Error(`Cannot create role "${name}": a role name is 1–64 characters of ${NAME_PATTERN.text}`);
  }
  const policy = MANAGED_POLICIES.get(LAMBDA_EXECUTE_POLICY_ARN)!;
  const arn = roleArn(accountId, "/", name);
  store.add({
    name,
    path: "/",
    id: newRoleId(),
    arn,
    createDate: isoNow(),
    assumeRolePolicyDocument: LAMBDA_TRUST_POLICY,
    description: "Lambda execution role created by local AWS",
    maxSessionDuration: 3600,
    tags: [],
    attachedPolicies: [{ PolicyName: policy.name, PolicyArn: policy.arn }],
    inlinePolicies: [],
  });
  return arn;
}
