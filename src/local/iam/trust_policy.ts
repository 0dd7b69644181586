/**
 * Reading a role's trust policy: may this principal `sts:AssumeRole` it?
 *
 * Statements with `Effect: Allow` and an action matching `sts:AssumeRole` (`sts:*`, `*`,
 * strings or arrays) grant; a matching `Deny` wins. `Principal` may be `"*"` or an object whose
 * `Service` / `AWS` members are strings or arrays. `Condition` blocks are not evaluated, and
 * `NotPrincipal` / `NotAction` are not understood (such statements grant nothing).
 *
 * @module
 */

/** Who asks to assume the role: a service, or AWS principals named by account or ARN. */
export type TrustedPrincipal =
  | { readonly service: string }
  | { readonly aws: readonly string[] };

type Statement = Record<string, unknown>;

/**
 * Whether a trust policy lets the principal assume the role.
 *
 * @param document The trust policy as stored (JSON text).
 * @param principal The service (`lambda.amazonaws.com`), or the identifiers that name an AWS
 *   caller (account id, `arn:aws:iam::<acct>:root`, its own ARN).
 * @returns True when some statement allows it and none denies it.
 *
 * @example
 * ```ts
 * trustPolicyAllows(LAMBDA_TRUST_POLICY, { service: "lambda.amazonaws.com" }); // true
 * ```
 */
export function trustPolicyAllows(document: string, principal: TrustedPrincipal): boolean {
  let allowed = false;
  for (const statement of statements(document)) {
    if (!matchesAction(statement.Action) || !matchesPrincipal(statement.Principal, principal)) continue;
    if (statement.Effect === "Deny") return false;
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed;
}

function statements(document: string): Statement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return [];
  }
  const list = (parsed as { Statement?: unknown } | null)?.Statement;
  const items = Array.isArray(list) ? list : [list];
  return items.filter((item): item is Statement => typeof item === "object" && item !== null);
}

function asList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function matchesAction(action: unknown): boolean {
  // Action names are case-insensitive in IAM.
  return asList(action).some((name) => ["sts:assumerole", "sts:*", "*"].includes(name.toLowerCase()));
}

function matchesPrincipal(value: unknown, principal: TrustedPrincipal): boolean {
  if (value === "*") return true;
  if (typeof value !== "object" || value === null) return false;
  const members = value as Record<string, unknown>;
  if ("service" in principal) return asList(members.Service).includes(principal.service);
  const named = asList(members.AWS);
  return named.includes("*") || named.some((name) => principal.aws.includes(name));
}
