/**
 * The expected failures of Lambda operations, thrown inside the service and rendered in
 * Lambda's REST-JSON error format at its edge.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import { lambdaError } from "./lambda_error.ts";

/** A Lambda error response waiting to be rendered (status, AWS code, AWS message). */
export class LambdaFailure extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The `x-amzn-ErrorType`, e.g. `ResourceNotFoundException`. */
  readonly code: string;
  /** Extra body members (e.g. `Reason`). */
  readonly extra: Readonly<Record<string, unknown>>;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: string,
    message: string,
    extra: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "LambdaFailure";
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  /** Renders the failure as AWS does, under the request's id. */
  render(requestId: string): LocalResponse {
    return lambdaError(this.status, this.code, this.message, requestId, this.extra, this.headers);
  }
}

/** 404 ResourceNotFoundException. */
export function resourceNotFound(message: string): LambdaFailure {
  return new LambdaFailure(404, "ResourceNotFoundException", message);
}

/** 404 "Function not found: <arn>" (the ARN as AWS prints it for the operation). */
export function functionNotFound(arn: string): LambdaFailure {
  return resourceNotFound(`Function not found: ${arn}`);
}

/** 409 ResourceConflictException. */
export function resourceConflict(message: string): LambdaFailure {
  return new LambdaFailure(409, "ResourceConflictException", message);
}

/** 400 InvalidParameterValueException. */
export function invalidParameter(message: string): LambdaFailure {
  return new LambdaFailure(400, "InvalidParameterValueException", message);
}

/** 400 InvalidRequestContentException (a body that is not the JSON the operation takes). */
export function invalidRequestContent(message: string): LambdaFailure {
  return new LambdaFailure(400, "InvalidRequestContentException", message);
}

/** 413 RequestEntityTooLargeException (not in the SDK's model: it surfaces by name). */
export function entityTooLarge(message: string): LambdaFailure {
  return new LambdaFailure(413, "RequestEntityTooLargeException", message);
}

/** One violated input constraint, in the words of AWS's request validation. */
export interface ConstraintViolation {
  /** The value as AWS prints it (already quoted when AWS quotes it); empty for a sensitive member, which AWS leaves out. */
  readonly value: string;
  /** The member path, camelCase (`timeout`, `ephemeralStorage.size`). */
  readonly member: string;
  /** What the member must satisfy. */
  readonly constraint: string;
}

/**
 * 400 ValidationException, AWS's input-shape validation: "1 validation error detected: Value
 * '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to
 * 900" (several violations are joined with `; `).
 */
export function validationFailure(violations: readonly ConstraintViolation[]): LambdaFailure {
  const count = violations.length;
  const details = violations
    .map((v) =>
      `Value ${
        v.value === "" ? "" : `${v.value} `
      }at '${v.member}' failed to satisfy constraint: ${v.constraint}`
    )
    .join("; ");
  return new LambdaFailure(
    400,
    "ValidationException",
    `${count} validation error${count === 1 ? "" : "s"} detected: ${details}`,
  );
}

/** Quotes a value the way AWS's validation messages print it (`'x'`, or `null`). */
export function quoted(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `'[${value.join(", ")}]'`;
  return `'${String(value)}'`;
}
