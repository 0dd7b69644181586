/**
 * Function names as callers write them (`f`, `f:$LATEST`, `123456789012:function:f`, a full
 * ARN) and the ARNs Lambda prints for them.
 *
 * @module
 */
import { validationFailure } from "./lambda_failure.ts";

/** A function reference, split into its name and optional qualifier. */
export interface FunctionIdentifier {
  /** The bare function name. */
  readonly name: string;
  /** The version or alias after the last `:`, when one was given. */
  readonly qualifier?: string;
  /** The region of a full ARN, when one was given. */
  readonly region?: string;
}

const IDENTIFIER =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d{1}):)?(?:\d{12}:)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

const PATTERN_TEXT =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

/**
 * Parses a `FunctionName` member or path segment. Throws AWS's ValidationException when it
 * matches no accepted form or the name is longer than 64 characters.
 */
export function parseFunctionIdentifier(text: string, member = "functionName"): FunctionIdentifier {
  const match = IDENTIFIER.exec(text);
  if (text.length > 170) {
    throw validationFailure([{
      value: `'${text}'`,
      member,
      constraint: "Member must have length less than or equal to 170",
    }]);
  }
  if (!match || match[2].length > 64) {
    throw validationFailure([{
      value: `'${text}'`,
      member,
      constraint: `Member must satisfy regular expression pattern: ${PATTERN_TEXT}`,
    }]);
  }
  const [, region, name, qualifier] = match;
  return {
    name,
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(region === undefined ? {} : { region }),
  };
}

/** The unqualified ARN of a function. */
export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}
