/**
 * The policy operations on roles: managed policies (Attach/Detach/ListAttachedRolePolicies)
 * and inline policies (Put/Get/Delete/ListRolePolicies).
 *
 * @module
 */
import { pageStatusXml, takePage } from "./list_page.ts";
import { MANAGED_POLICIES } from "./managed_policies.ts";
import {
  ARN_RULE,
  MARKER_RULE,
  MemberChecks,
  PATH_PREFIX_RULE,
  POLICY_NAME_RULE,
  ROLE_NAME_RULE,
} from "./member_checks.ts";
import { checkPolicyDocument, MAX_POLICY_DOCUMENT } from "./policy_document.ts";
import type { QueryOperation } from "./query_dispatch.ts";
import { QueryFailure } from "./query_failure.ts";
import type { InlinePolicy, RoleRecord } from "./role_record.ts";
import type { RoleStore } from "./role_store.ts";
import { element } from "./role_xml.ts";

/** Managed policies one role may have attached (the IAM default quota). */
const MAX_ATTACHED_POLICIES = 10;

/** An ARN in the general `arn:partition:service:region:account:resource` shape. */
const ARN_SHAPE = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;

/**
 * The role policy operations over a store.
 *
 * @param store The account's roles.
 * @returns The operations by `Action` name.
 */
export function rolePolicyOperations(store: RoleStore): Array<[string, QueryOperation]> {
  return [
    ["AttachRolePolicy", (parameters) => {
      const { roleName, policyArn } = readAttachment(parameters);
      const role = store.get(roleName);
      const policy = MANAGED_POLICIES.get(policyArn);
      if (policy === undefined) {
        throw new QueryFailure(
          404,
          "NoSuchEntity",
          `Policy ${policyArn} does not exist or is not attachable.`,
        );
      }
      if (role.attachedPolicies.some((attached) => attached.PolicyArn === policyArn)) return undefined;
      if (role.attachedPolicies.length >= MAX_ATTACHED_POLICIES) {
        throw new QueryFailure(
          409,
          "LimitExceeded",
          `Cannot exceed quota for PoliciesPerRole: ${MAX_ATTACHED_POLICIES}`,
        );
      }
      role.attachedPolicies.push({ PolicyName: policy.name, PolicyArn: policy.arn });
      store.save();
      return undefined;
    }],
    ["DetachRolePolicy", (parameters) => {
      const { roleName, policyArn } = readAttachment(parameters);
      const role = store.get(roleName);
      const remaining = role.attachedPolicies.filter((attached) => attached.PolicyArn !== policyArn);
      if (remaining.length === role.attachedPolicies.length) {
        throw new QueryFailure(404, "NoSuchEntity", `Policy ${policyArn} was not found.`);
      }
      role.attachedPolicies = remaining;
      store.save();
      return undefined;
    }],
    ["ListAttachedRolePolicies", (parameters) => {
      const checks = new MemberChecks(parameters);
      const roleName = checks.required("RoleName", ROLE_NAME_RULE);
      const pathPrefix = checks.optional("PathPrefix", PATH_PREFIX_RULE) ?? "/";
      const marker = checks.optional("Marker", MARKER_RULE);
      const maxItems = checks.integer("MaxItems", 1, 1000) ?? 100;
      checks.done();
      const matching = store.get(roleName).attachedPolicies.filter((attached) =>
        (MANAGED_POLICIES.get(attached.PolicyArn)?.path ?? "/").startsWith(pathPrefix)
      );
      const page = takePage(matching, (attached) => attached.PolicyArn, marker, maxItems);
      const members = page.items.map((attached) =>
        `<member>${element("PolicyName", attached.PolicyName)}${
          element("PolicyArn", attached.PolicyArn)
        }</member>`
      );
      return `<AttachedPolicies>${members.join("")}</AttachedPolicies>${pageStatusXml(page)}`;
    }],
    ["PutRolePolicy", (parameters) => {
      const checks = new MemberChecks(parameters);
      const roleName = checks.required("RoleName", ROLE_NAME_RULE);
      const policyName = checks.required("PolicyName", POLICY_NAME_RULE);
      const document = checks.required("PolicyDocument", { min: 1, max: MAX_POLICY_DOCUMENT });
      checks.done();
      checkPolicyDocument(document);
      const role = store.get(roleName);
      const policy = { PolicyName: policyName, PolicyDocument: document };
      const index = role.inlinePolicies.findIndex((inline) => inline.PolicyName === policyName);
      if (index < 0) role.inlinePolicies.push(policy);
      else role.inlinePolicies[index] = policy;
      store.save();
      return undefined;
    }],
    ["GetRolePolicy", (parameters) => {
      const { roleName, policyName } = readInlinePolicyName(parameters);
      const role = store.get(roleName);
      const policy = inlinePolicy(role, policyName);
      return `${element("RoleName", role.name)}${element("PolicyName", policy.PolicyName)}<PolicyDocument>${
        encodeURIComponent(policy.PolicyDocument)
      }</PolicyDocument>`;
    }],
    ["DeleteRolePolicy", (parameters) => {
      const { roleName, policyName } = readInlinePolicyName(parameters);
      const role = store.get(roleName);
      const policy = inlinePolicy(role, policyName);
      role.inlinePolicies = role.inlinePolicies.filter((inline) => inline !== policy);
      store.save();
      return undefined;
    }],
    ["ListRolePolicies", (parameters) => {
      const checks = new MemberChecks(parameters);
      const roleName = checks.required("RoleName", ROLE_NAME_RULE);
      const marker = checks.optional("Marker", MARKER_RULE);
      const maxItems = checks.integer("MaxItems", 1, 1000) ?? 100;
      checks.done();
      const names = store.get(roleName).inlinePolicies.map((inline) => inline.PolicyName);
      const page = takePage(names, (name) => name, marker, maxItems);
      const members = page.items.map((name) => element("member", name));
      return `<PolicyNames>${members.join("")}</PolicyNames>${pageStatusXml(page)}`;
    }],
  ];
}

function readAttachment(parameters: URLSearchParams): { roleName: string; policyArn: string } {
  const checks = new MemberChecks(parameters);
  const roleName = checks.required("RoleName", ROLE_NAME_RULE);
  const policyArn = checks.required("PolicyArn", ARN_RULE);
  checks.done();
  if (!ARN_SHAPE.test(policyArn)) {
    throw new QueryFailure(400, "ValidationError", "Invalid ARN:  Could not be parsed!");
  }
  return { roleName, policyArn };
}

function readInlinePolicyName(parameters: URLSearchParams): { roleName: string; policyName: string } {
  const checks = new MemberChecks(parameters);
  const roleName = checks.required("RoleName", ROLE_NAME_RULE);
  const policyName = checks.required("PolicyName", POLICY_NAME_RULE);
  checks.done();
  return { roleName, policyName };
}

function inlinePolicy(role: RoleRecord, policyName: string): InlinePolicy {
  const policy = role.inlinePolicies.find((inline) => inline.PolicyName === policyName);
  if (policy === undefined) {
    throw new QueryFailure(404, "NoSuchEntity", `The role policy with name ${policyName} cannot be found.`);
  }
  return policy;
}
