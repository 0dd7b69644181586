/**
 * The error the runtime fails an invocation with when an S3 transfer (code, arguments, outcome)
 * does not succeed. Its message never holds the URL: a presigned URL carries a signature.
 *
 * @module
 */

/** Which transfer failed. */
export type TransferName = "code download" | "arguments download" | "outcome upload";

/** Why a transfer failed: what S3 answered, or the network error's code. */
export interface TransferFailure {
  /** HTTP status S3 answered with; absent for a network error. */
  readonly status?: number;
  /** S3's error code (`SlowDown`, `AccessDenied`…), or the network error's code (`ECONNRESET`…). */
  readonly code?: string;
  /** Further detail that names no URL, e.g. a size mismatch. */
  readonly detail?: string;
}

/**
 * An S3 transfer that failed for good (after the retries the failure allowed).
 *
 * @example
 * ```ts
 * const error = new TransferFailed("outcome upload", 5, { status: 503, code: "SlowDown" });
 * error.message; // "The outcome upload failed after 5 attempts: HTTP 503 SlowDown."
 * ```
 */
export class TransferFailed extends Error {
  /** Always `"TransferFailed"`. */
  override readonly name = "TransferFailed";
  /** Which transfer. */
  readonly transfer: TransferName;
  /** How many attempts were made. */
  readonly attempts: number;
  /** HTTP status of the last answer; absent for a network error. */
  readonly status?: number;
  /** S3's error code or the network error's code. */
  readonly code?: string;

  /**
   * @param transfer Which transfer failed.
   * @param attempts How many attempts were made.
   * @param failure The last failure.
   */
  constructor(transfer: TransferName, attempts: number, failure: TransferFailure) {
    super(describe(transfer, attempts, failure));
    this.transfer = transfer;
    this.attempts = attempts;
    this.status = failure.status;
    this.code = failure.code;
  }
}

function describe(
  transfer: TransferName,
  attempts: number,
  { status, code, detail }: TransferFailure,
): string {
  const tries = attempts === 1 ? "" : ` after ${attempts} attempts`;
  const what = status === undefined
    ? `network error${code ? ` (${code})` : ""}`
    : `HTTP ${status}${code ? ` ${code}` : ""}`;
  const hint = status === 403
    ? " S3 refused the presigned URL, most likely because it expired before the runtime used it" +
      " (the executor signs it for the task's timeout); a clock far off on the caller's side has the same effect."
    : "";
  return `The ${transfer} failed${tries}: ${what}${detail ? `: ${detail}` : ""}.${hint}`;
}

/**
 * S3's error code from an error response body (`<Error><Code>SlowDown</Code>…`).
 *
 * @param body The response body as text.
 * @returns The code, or `undefined` when the body holds none.
 *
 * @example
 * ```ts
 * s3ErrorCode("<Error><Code>SlowDown</Code></Error>"); // "SlowDown"
 * ```
 */
export function s3ErrorCode(body: string): string | undefined {
  // Only a bare identifier is taken: anything else in the body is not repeated in a message.
  return /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(body)?.[1];
}
