/**
 * Finding the function a request names, with AWS's errors for a missing function or a
 * qualifier that does not exist (versions and aliases are not simulated: only `$LATEST`).
 *
 * @module
 */
import type { FunctionRecord } from "./function_record.ts";
import { functionArn, parseFunctionIdentifier } from "./function_identifier.ts";
import type { LambdaContext } from "./lambda_context.ts";
import { functionNotFound, invalidParameter, resourceNotFound } from "./lambda_failure.ts";

/** A function found for a request, and the qualifier the caller used. */
export interface FoundFunction {
  readonly record: FunctionRecord;
  /** `$LATEST` when the caller qualified the name; undefined otherwise. */
  readonly qualifier?: string;
}

/**
 * Finds the function `reference` names (a name, a partial or full ARN, `name:qualifier`),
 * taking the qualifier from the name or the `Qualifier` query parameter. Throws
 * ResourceNotFoundException "Function not found: <arn>" when it does not exist;
 * `missingSuffix` is added to that ARN when no qualifier was given (Invoke prints `:$LATEST`).
 */
export function findFunction(
  context: LambdaContext,
  reference: string,
  queryQualifier: string | null,
  missingSuffix = "",
): FoundFunction {
  const identifier = parseFunctionIdentifier(reference);
  if (identifier.region !== undefined && identifier.region !== context.account.region) {
    // An ARN from another region is not looked up: 404 (S: a real aws-sdk-go-v2 Invoke error quoted in
    // public code, "StatusCode: 404, ... ResourceNotFoundException: Functions from 'us-east-1' are not
    // reachable in this region ('ap-southeast-2')").
    throw resourceNotFound(
      `Functions from '${identifier.region}' are not reachable in this region ('${context.account.region}')`,
    );
  }
  if (
    identifier.qualifier !== undefined && queryQualifier !== null && queryQualifier !== identifier.qualifier
  ) {
    throw invalidParameter(
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
  }
  const qualifier = identifier.qualifier ?? queryQualifier ?? undefined;
  const arn = functionArn(context.account.region, context.account.accountId, identifier.name);
  const record = context.registry.get(identifier.name);
  if (record === undefined) {
    throw functionNotFound(qualifier === undefined ? `${arn}${missingSuffix}` : `${arn}:${qualifier}`);
  }
  if (qualifier !== undefined && qualifier !== "$LATEST") throw functionNotFound(`${arn}:${qualifier}`);
  return { record, qualifier };
}
