/**
 * The checks IAM applies to trust and inline policy documents before storing them.
 *
 * @module
 */
import { QueryFailure } from "./query_failure.ts";

/** Longest policy document the API takes, in characters. */
export const MAX_POLICY_DOCUMENT = 131072;

/**
 * Checks that a policy document is a JSON object with a `Statement`. The text itself is
 * stored untouched: AWS hands back exactly what it was given (URL-encoded).
 *
 * @param document The document as received.
 * @throws {QueryFailure} `MalformedPolicyDocument` when it is not JSON or not a policy.
 */
export function checkPolicyDocument(document: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new QueryFailure(400, "MalformedPolicyDocument", "This policy contains invalid Json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !("Statement" in parsed)) {
    throw new QueryFailure(400, "MalformedPolicyDocument", "Syntax errors in policy.");
  }
}
