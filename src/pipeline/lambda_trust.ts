/**
 * Whether a role's trust policy lets Lambda assume it, read the way IAM reads it.
 *
 * @module
 */

/** The trust policy the execution role needs: Lambda may assume it. */
export const LAMBDA_TRUST_POLICY: string = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

interface Statement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
}

/**
 * True when some `Allow` statement names `lambda.amazonaws.com` as a service principal for
 * `sts:AssumeRole` (or a wildcard of it). Text that is not a policy counts as no.
 *
 * @param policyText The trust policy, as JSON.
 * @returns Whether Lambda may assume the role.
 */
export function trustsLambda(policyText: string): boolean {
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText);
  } catch {
    return false;
  }
  const statements = ([] as unknown[]).concat(policy?.Statement ?? []) as Statement[];
  return statements.some((statement) =>
    statement?.Effect === "Allow" &&
    list(statement.Action).some((action) => /^(sts:(AssumeRole|\*)|\*)$/i.test(action)) &&
    list((statement.Principal as { Service?: unknown } | undefined)?.Service).includes("lambda.amazonaws.com")
  );
}

function list(value: unknown): string[] {
  return ([] as unknown[]).concat(value ?? []).filter((item): item is string => typeof item === "string");
}
