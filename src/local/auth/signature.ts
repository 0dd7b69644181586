/**
 * Reading the SigV4 signature of a request: from the `Authorization` header or from a
 * presigned query string.
 *
 * @module
 */
import type { LocalRequest } from "../http/exchange.ts";

/** The parts of a SigV4 signature that identify and authenticate a request. */
export interface Signature {
  /** The access key id in the credential. */
  readonly accessKeyId: string;
  /** Scope date, `yyyymmdd`. */
  readonly scopeDate: string;
  /** Region in the credential scope. */
  readonly region: string;
  /** Service in the credential scope (`s3`, `lambda`, `iam`, `sts`). */
  readonly service: string;
  /** Names of the signed headers, lower case, in the order given. */
  readonly signedHeaders: readonly string[];
  /** The hex signature. */
  readonly signature: string;
  /** `X-Amz-Date` of the request, `yyyymmddThhmmssZ`. */
  readonly amzDate: string;
  /** Whether it came from the query string (a presigned URL). */
  readonly presigned: boolean;
  /** Presigned URLs only: seconds after `amzDate` when it expires. */
  readonly expiresSeconds?: number;
}

/** Why a request's signature could not be read. */
export interface SignatureProblem {
  readonly problem: "malformed";
  /** What was wrong, in AWS's words where it has some. */
  readonly message: string;
}

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

/**
 * Reads the signature of a request. `undefined` means the request is anonymous (no
 * `Authorization` header and no `X-Amz-Signature` in the query).
 */
export function readSignature(request: LocalRequest): Signature | SignatureProblem | undefined {
  const header = request.headers["authorization"];
  if (header !== undefined) return fromHeader(header, requestDate(request.headers));
  if (request.query.has("X-Amz-Signature") || request.query.has("X-Amz-Credential")) {
    return fromQuery(request.query);
  }
  return undefined;
}

/**
 * The date a header-signed request was signed at, `yyyymmddThhmmssZ`: `X-Amz-Date`, or else the
 * HTTP `Date` header converted to that form, which is what goes into the string to sign
 * (S: DOC IAM/latest/UserGuide/reference_sigv-signing-elements.html "the date can be included
 * in the x-amz-date header or the Date header … if both, x-amz-date takes precedence").
 */
export function requestDate(headers: Readonly<Record<string, string>>): string {
  const amzDate = headers["x-amz-date"];
  if (amzDate !== undefined) return amzDate;
  const date = headers["date"];
  const ms = date === undefined ? Number.NaN : Date.parse(date);
  if (Number.isNaN(ms)) return "";
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function fromHeader(header: string, amzDate: string): Signature | SignatureProblem {
  if (!header.startsWith("AWS4-HMAC-SHA256 ")) {
    return malformed("Only AWS4-HMAC-SHA256 signatures are supported.");
  }
  const fields = new Map<string, string>();
  for (const part of header.slice("AWS4-HMAC-SHA256 ".length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) {
    return malformed("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
  }
  return withCredential(credential, signedHeaders, signature, amzDate, false, undefined);
}

function fromQuery(query: URLSearchParams): Signature | SignatureProblem {
  const algorithm = query.get("X-Amz-Algorithm");
  const credential = query.get("X-Amz-Credential");
  const signedHeaders = query.get("X-Amz-SignedHeaders");
  const signature = query.get("X-Amz-Signature");
  const amzDate = query.get("X-Amz-Date");
  const expires = query.get("X-Amz-Expires");
  if (algorithm !== "AWS4-HMAC-SHA256" || !credential || !signedHeaders || !signature || !amzDate) {
    return malformed(
      "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    );
  }
  const expiresSeconds = expires === null ? 604800 : Number(expires);
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > 604800) {
    return malformed("X-Amz-Expires must be between 1 and 604800 seconds");
  }
  return withCredential(credential, signedHeaders, signature, amzDate, true, expiresSeconds);
}

function withCredential(
  credential: string,
  signedHeaders: string,
  signature: string,
  amzDate: string,
  presigned: boolean,
  expiresSeconds: number | undefined,
): Signature | SignatureProblem {
  const match = CREDENTIAL.exec(credential);
  if (!match) {
    return malformed(`Credential should be scoped to a valid region and service, got '${credential}'.`);
  }
  return {
    accessKeyId: match[1],
    scopeDate: match[2],
    region: match[3],
    service: match[4],
    signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
    signature,
    amzDate,
    presigned,
    expiresSeconds,
  };
}

function malformed(message: string): SignatureProblem {
  return { problem: "malformed", message };
}
