/**
 * The expected failures of an IAM or STS operation, answered as `<ErrorResponse>` documents.
 *
 * @module
 */

/**
 * An operation refused a request: thrown inside an operation, caught by the dispatcher and
 * rendered with `queryError`. The code is AWS's short code (`NoSuchEntity`, not
 * `NoSuchEntityException`): the SDK picks the exception class from it.
 */
export class QueryFailure extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** AWS error code. */
  readonly code: string;

  /**
   * Makes the failure.
   *
   * @param status HTTP status.
   * @param code AWS error code.
   * @param message AWS's message wording.
   */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "QueryFailure";
    this.status = status;
    this.code = code;
  }
}

/**
 * A `ValidationError` listing broken input constraints in AWS's wording
 * (`1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: …`).
 *
 * @param violations One text per broken constraint.
 * @returns The failure to throw.
 */
export function validationFailure(violations: readonly string[]): QueryFailure {
  const count = violations.length;
  return new QueryFailure(
    400,
    "ValidationError",
    `${count} validation error${count === 1 ? "" : "s"} detected: ${violations.join("; ")}`,
  );
}

/**
 * `NoSuchEntity` for a role that does not exist.
 *
 * @param roleName The name asked for.
 * @returns The failure to throw.
 */
export function noSuchRole(roleName: string): QueryFailure {
  return new QueryFailure(404, "NoSuchEntity", `The role with name ${roleName} cannot be found.`);
}
