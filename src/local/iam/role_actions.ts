/**
 * The role operations of local IAM: CreateRole, GetRole, DeleteRole and ListRoles.
 *
 * @module
 */
import { pageStatusXml, takePage } from "./list_page.ts";
import { MANAGED_POLICIES } from "./managed_policies.ts";
import {
  ARN_RULE,
  MARKER_RULE,
  MemberChecks,
  PATH_PATTERN,
  PATH_PREFIX_RULE,
  ROLE_NAME_RULE,
} from "./member_checks.ts";
import { checkPolicyDocument, MAX_POLICY_DOCUMENT } from "./policy_document.ts";
import type { QueryOperation } from "./query_dispatch.ts";
import { QueryFailure, validationFailure } from "./query_failure.ts";
import { readStructureList } from "./query_parameters.ts";
import { isoNow, newRoleId, roleArn, type RoleRecord, type RoleTag } from "./role_record.ts";
import type { RoleStore } from "./role_store.ts";
import { roleMembersXml } from "./role_xml.ts";

const MAX_TAGS = 50;

/**
 * The role operations over a store.
 *
 * @param store The account's roles.
 * @param accountId The account id that goes into role ARNs.
 * @returns The operations by `Action` name.
 */
export function roleOperations(store: RoleStore, accountId: string): Array<[string, QueryOperation]> {
  return [
    ["CreateRole", (parameters) => createRole(store, accountId, parameters)],
    ["GetRole", (parameters) => {
      const role = store.get(readRoleName(parameters));
      return `<Role>${roleMembersXml(role, "full")}</Role>`;
    }],
    ["DeleteRole", (parameters) => {
      const role = store.get(readRoleName(parameters));
      if (role.attachedPolicies.length > 0) {
        throw new QueryFailure(
          409,
          "DeleteConflict",
          "Cannot delete entity, must detach all policies first.",
        );
      }
      if (role.inlinePolicies.length > 0) {
        throw new QueryFailure(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
      }
      store.remove(role.name);
      return undefined;
    }],
    ["ListRoles", (parameters) => listRoles(store, parameters)],
  ];
}

/**
 * Reads and checks the `RoleName` member of an operation that names an existing role.
 *
 * @param parameters The request's parameters.
 * @returns The role name.
 * @throws {QueryFailure} `ValidationError` when it is missing or malformed.
 */
export function readRoleName(parameters: URLSearchParams): string {
  const checks = new MemberChecks(parameters);
  const roleName = checks.required("RoleName", ROLE_NAME_RULE);
  checks.done();
  return roleName;
}

function createRole(store: RoleStore, accountId: string, parameters: URLSearchParams): string {
  const checks = new MemberChecks(parameters);
  const name = checks.required("RoleName", ROLE_NAME_RULE);
  const trustPolicy = checks.required("AssumeRolePolicyDocument", { min: 1, max: MAX_POLICY_DOCUMENT });
  const path = checks.optional("Path", { min: 1, max: 512, pattern: PATH_PATTERN }) ?? "/";
  const description = checks.optional("Description", { min: 0, max: 1000 });
  const maxSessionDuration = checks.integer("MaxSessionDuration", 3600, 43200) ?? 3600;
  const permissionsBoundary = checks.optional("PermissionsBoundary", ARN_RULE);
  checks.done();
  const tags = readTags(parameters);
  checkPolicyDocument(trustPolicy);
  if (permissionsBoundary !== undefined && !MANAGED_POLICIES.has(permissionsBoundary)) {
    throw new QueryFailure(
      404,
      "NoSuchEntity",
      `Scope ARN: ${permissionsBoundary} does not exist or is not attachable.`,
    );
  }
  const role: RoleRecord = {
    name,
    path,
    id: newRoleId(),
    arn: roleArn(accountId, path, name),
    createDate: isoNow(),
    createdAtMs: Date.now(),
    assumeRolePolicyDocument: trustPolicy,
    ...(description ? { description } : {}),
    maxSessionDuration,
    ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
    tags,
    attachedPolicies: [],
    inlinePolicies: [],
  };
  store.add(role);
  return `<Role>${roleMembersXml(role, "created")}</Role>`;
}

function readTags(parameters: URLSearchParams): RoleTag[] {
  const tags = readStructureList(parameters, "Tags");
  const violations: string[] = [];
  tags.forEach((tag, index) => {
    const at = `tags.${index + 1}.member`;
    const constraint = "failed to satisfy constraint: Member must";
    if (tag.Key === undefined) violations.push(`Value null at '${at}.key' ${constraint} not be null`);
    else if (tag.Key.length < 1 || tag.Key.length > 128) {
      violations.push(`Value '${tag.Key}' at '${at}.key' ${constraint} have length between 1 and 128`);
    }
    if ((tag.Value ?? "").length > 256) {
      violations.push(`Value at '${at}.value' ${constraint} have length less than or equal to 256`);
    }
  });
  if (violations.length > 0) {
    throw validationFailure(violations);
  }
  if (tags.length > MAX_TAGS) {
    throw new QueryFailure(409, "LimitExceeded", `Cannot exceed quota for TagsPerRole: ${MAX_TAGS}`);
  }
  const keys = new Set(tags.map((tag) => tag.Key.toLowerCase()));
  if (keys.size !== tags.length) {
    throw new QueryFailure(
      400,
      "InvalidInput",
      "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    );
  }
  return tags.map((tag) => ({ Key: tag.Key, Value: tag.Value ?? "" }));
}

function listRoles(store: RoleStore, parameters: URLSearchParams): string {
  const checks = new MemberChecks(parameters);
  const pathPrefix = checks.optional("PathPrefix", PATH_PREFIX_RULE) ?? "/";
  const marker = checks.optional("Marker", MARKER_RULE);
  const maxItems = checks.integer("MaxItems", 1, 1000) ?? 100;
  checks.done();
  const matching = store.all().filter((role) => role.path.startsWith(pathPrefix));
  const page = takePage(matching, (role) => role.name.toLowerCase(), marker, maxItems);
  const members = page.items.map((role) => `<member>${roleMembersXml(role, "listed")}</member>`);
  return `<Roles>${members.join("")}</Roles>${pageStatusXml(page)}`;
}
