/**
 * The STS operations of local AWS: GetCallerIdentity, GetSessionToken and AssumeRole.
 *
 * Sources: DOC API_GetSessionToken, API_AssumeRole (duration ranges, defaults, the one-hour
 * limits for account owners and for role chaining); response shapes and the `AROA…:session`
 * / `assumed-role` identifiers as in the real trace quoted in boto/boto3#4268.
 *
 * @module
 */
import { assumedRoleIdentity, type CallerIdentity, type KeyRing } from "../auth/key_ring.ts";
import { issueSessionCredentials, type SessionCredentials } from "../auth/session_credentials.ts";
import type { ServiceRequest } from "../service.ts";
import { ARN_RULE, MemberChecks } from "./member_checks.ts";
import type { QueryOperation } from "./query_dispatch.ts";
import { QueryFailure } from "./query_failure.ts";
import type { RoleRecord } from "./role_record.ts";
import { element } from "./role_xml.ts";
import { trustPolicyAllows } from "./trust_policy.ts";

/** What the STS operations need from the rest of local AWS. */
export interface StsDependencies {
  /** Every key; new temporary keys are added to it. */
  readonly keys: KeyRing;
  /** The role with this ARN, in whichever simulated account it lives. */
  findRole(roleArn: string): RoleRecord | undefined;
}

const HOUR = 3600;
const SESSION_NAME_RULE = { min: 2, max: 64, pattern: { regex: /^[\w+=,.@-]*$/, text: "[\\w+=,.@-]*" } };

/**
 * The STS operations.
 *
 * @param deps Keys and role lookup.
 * @returns The operations by `Action` name.
 */
export function stsOperations(deps: StsDependencies): Array<[string, QueryOperation]> {
  return [
    ["GetCallerIdentity", (_parameters, request) => {
      const caller = callerOf(request);
      return element("Arn", caller.arn) + element("UserId", caller.userId) +
        element("Account", caller.accountId);
    }],
    ["GetSessionToken", (parameters, request) => getSessionToken(deps, parameters, request)],
    ["AssumeRole", (parameters, request) => assumeRole(deps, parameters, request)],
  ];
}

function callerOf(request: ServiceRequest): CallerIdentity {
  // The router refuses unsigned STS requests, so a caller is always there.
  if (request.caller === undefined) throw new Error("STS request without a caller");
  return request.caller;
}

function getSessionToken(
  deps: StsDependencies,
  parameters: URLSearchParams,
  request: ServiceRequest,
): string {
  const checks = new MemberChecks(parameters);
  const requested = checks.integer("DurationSeconds", 900, 129600);
  checks.done();
  const caller = callerOf(request);
  if (deps.keys.find(request.accessKeyId ?? "")?.session !== undefined) {
    throw new QueryFailure(403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
  }
  // Local keys are root keys, and AWS limits an account owner's session to one hour, silently.
  const seconds = Math.min(requested ?? 43200, HOUR);
  const credentials = issueSessionCredentials(deps.keys, caller, seconds * 1000, "GetSessionToken");
  return credentialsXml(credentials);
}

function assumeRole(deps: StsDependencies, parameters: URLSearchParams, request: ServiceRequest): string {
  const checks = new MemberChecks(parameters);
  const roleArn = checks.required("RoleArn", ARN_RULE);
  const sessionName = checks.required("RoleSessionName", SESSION_NAME_RULE);
  const requested = checks.integer("DurationSeconds", 900, 43200);
  checks.done();
  const caller = callerOf(request);
  const role = deps.findRole(roleArn);
  const names = [caller.accountId, `arn:aws:iam::${caller.accountId}:root`, caller.arn];
  if (caller.roleArn !== undefined) names.push(caller.roleArn);
  // AWS does not say whether the role is missing or does not trust the caller.
  if (role === undefined || !trustPolicyAllows(role.assumeRolePolicyDocument, { aws: names })) {
    throw new QueryFailure(
      403,
      "AccessDenied",
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  const seconds = requested ?? HOUR;
  if (seconds > role.maxSessionDuration) {
    throw new QueryFailure(
      400,
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  if (caller.roleArn !== undefined && seconds > HOUR) {
    throw new QueryFailure(
      400,
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  const session = assumedRoleIdentity(role, sessionName);
  const credentials = issueSessionCredentials(deps.keys, session, seconds * 1000, "AssumeRole");
  return `<AssumedRoleUser>${element("AssumedRoleId", session.userId)}${
    element("Arn", session.arn)
  }</AssumedRoleUser>` +
    credentialsXml(credentials);
}

function credentialsXml(credentials: SessionCredentials): string {
  // The SDK needs a zone on timestamps; AWS writes seconds precision with `Z`.
  const expiration = credentials.expiration.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `<Credentials>${element("AccessKeyId", credentials.accessKeyId)}${
    element("SecretAccessKey", credentials.secretAccessKey)
  }${element("SessionToken", credentials.sessionToken)}${element("Expiration", expiration)}</Credentials>`;
}
