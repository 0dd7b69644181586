/**
 * Authenticating a request against the keys of every account, and telling which service it is
 * for and who sent it.
 *
 * @module
 */
import { concatBytes } from "../http/body.ts";
import type { LocalRequest } from "../http/exchange.ts";
import type { ServiceErrorSpec } from "../service.ts";
import { type AuthFailure, authFailure } from "./auth_failures.ts";
import type { CallerIdentity, KeyEntry, KeyRing } from "./key_ring.ts";
import { headerDateRefusal, presignedWindowRefusal } from "./clock_skew.ts";
import { readSignature, type Signature } from "./signature.ts";
import { readSigV2Query, sigV2Matches } from "./sigv2_query.ts";
import { unsignedAmzHeaders } from "./unsigned_headers.ts";
import { parseAmzDate, sha256Hex, signatureMatches } from "./verify_signature.ts";

/**
 * The services local AWS serves.
 *
 * @example Fault a whole service
 * ```ts
 * import type { ServiceName } from "@covalent/awslambda/local";
 * const service: ServiceName = "s3";
 * ```
 */
export type ServiceName = "s3" | "lambda" | "iam" | "sts";

/** The result of authenticating a request. */
export type Authentication =
  | {
    readonly ok: true;
    readonly service: ServiceName;
    readonly region: string;
    readonly accessKeyId?: string;
    readonly presigned: boolean;
    /** Who signed it; absent for anonymous requests. */
    readonly caller?: CallerIdentity;
    /** The request, with its body buffered when the signature needed its hash. */
    readonly request: LocalRequest;
  }
  | { readonly ok: false; readonly service: ServiceName; readonly error: ServiceErrorSpec };

/** Largest body buffered to hash a signature that carries no `x-amz-content-sha256`. */
const MAX_HASHED_BODY = 100 * 1024 * 1024;

const LAMBDA_PATH =
  /^\/20\d\d-\d\d-\d\d\/(functions|tags|account-settings|event-source-mappings|layers)(\/|$|\?)/;

/** Guesses the service of a request that carries no signature to say so. */
export function serviceFromShape(request: LocalRequest): ServiceName {
  if (LAMBDA_PATH.test(request.rawPath)) return "lambda";
  const form = (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
  if (request.rawPath === "/" && (form || request.query.has("Action"))) {
    return request.query.get("Version") === "2011-06-15" ? "sts" : "iam";
  }
  return "s3";
}

function isServiceName(name: string): name is ServiceName {
  return name === "s3" || name === "lambda" || name === "iam" || name === "sts";
}

function fail(
  service: ServiceName,
  failure: AuthFailure,
  detail?: { message?: string; extra?: Readonly<Record<string, string>> },
): Authentication {
  return { ok: false, service, error: authFailure(service, failure, detail) };
}

/**
 * Checks the session token of a request against its key: temporary keys need their own token
 * (in the `x-amz-security-token` header, or the `X-Amz-Security-Token` query parameter of a
 * presigned URL, which the signature covers). A token sent with long-term keys is ignored:
 * function processes get the account's long-term keys with a placeholder `AWS_SESSION_TOKEN`
 * (as a real function's environment always has one), so refusing it would lock them out.
 */
function tokenFailure(
  service: ServiceName,
  key: KeyEntry,
  token: string | undefined,
): Authentication | undefined {
  if (key.session === undefined) return undefined;
  if (token === undefined) {
    return fail(service, "missingToken", { extra: { AWSAccessKeyId: key.accessKeyId } });
  }
  if (token !== key.session.token) return fail(service, "badToken", { extra: { "Token-0": token } });
  if (Date.now() >= key.session.expiresAt) {
    return fail(service, "expiredToken", { extra: { "Token-0": token } });
  }
  return undefined;
}

/**
 * Checks a request's date: a header-signed one within 15 minutes of the server's clock, a
 * presigned one within its window (see clock_skew.ts for AWS's answers).
 */
function dateFailure(service: ServiceName, signature: Signature, now: number): Authentication | undefined {
  const signedAt = parseAmzDate(signature.amzDate);
  if (signature.presigned) {
    const refusal = presignedWindowRefusal(signedAt, (signature.expiresSeconds ?? 0) * 1000, now);
    return refusal && fail(service, refusal.failure, { extra: refusal.extra });
  }
  if (Number.isNaN(signedAt)) {
    // S: hubrick/vertx-s3-client#5 quoting S3's AccessDenied for a request without a date.
    const message = "AWS authentication requires a valid Date or x-amz-date header";
    return fail(service, service === "s3" ? "missing" : "malformed", { message });
  }
  const refusal = headerDateRefusal(signature.amzDate, now);
  if (refusal === undefined) return undefined;
  return fail(
    service,
    refusal.failure,
    service === "s3" ? { extra: refusal.extra } : { message: refusal.message },
  );
}

/**
 * S3's header rules, checked before any body byte is read: every `x-amz-*` header signed, and
 * a header-signed request says its payload hash (`x-amz-content-sha256` is required by S3 for
 * SigV4, S: DOC AmazonS3/latest/API/sig-v4-header-based-auth.html), so a forged signature is
 * refused from the headers alone and a large body is never buffered to hash it.
 */
function headerFailure(
  service: ServiceName,
  request: LocalRequest,
  signature: Signature,
): Authentication | undefined {
  if (service !== "s3") return undefined;
  const unsigned = unsignedAmzHeaders(request.headers, signature.signedHeaders);
  if (unsigned.length > 0) {
    return fail(service, "unsignedHeaders", { extra: { HeadersNotSigned: unsigned.join(", ") } });
  }
  if (!signature.presigned && request.headers["x-amz-content-sha256"] === undefined) {
    return fail(service, "missingContentSha256");
  }
  return undefined;
}

/**
 * Authenticates an S3 SigV2 presigned URL (see sigv2_query.ts). Its string to sign covers every
 * `x-amz-*` header, so an added one fails the signature.
 */
function authenticateSigV2(
  request: LocalRequest,
  keys: KeyRing,
  region: string,
  signature: { accessKeyId: string; signature: string; expires: string },
): Authentication {
  const key = keys.find(signature.accessKeyId);
  if (key === undefined) {
    return fail("s3", "unknownKey", { extra: { AWSAccessKeyId: signature.accessKeyId } });
  }
  const refused = tokenFailure("s3", key, request.query.get("x-amz-security-token") ?? undefined);
  if (refused) return refused;
  if (!sigV2Matches(request, signature, key.secretAccessKey)) return fail("s3", "badSignature");
  const expires = Number(signature.expires) * 1000;
  if (!(expires >= Date.now())) {
    const extra = { Expires: Number.isFinite(expires) ? new Date(expires).toISOString() : signature.expires };
    return fail("s3", "expired", { extra: { ...extra, ServerTime: new Date().toISOString() } });
  }
  return {
    ok: true,
    service: "s3",
    region,
    accessKeyId: key.accessKeyId,
    presigned: true,
    caller: key.caller,
    request,
  };
}

/**
 * Checks a request's signature against the keys of every account.
 *
 * @param request The request as it arrived.
 * @param keys Every key local AWS accepts.
 * @param defaultRegion The region of anonymous requests.
 * @returns Who sent it and for which service, or the error to answer.
 */
export async function authenticate(
  request: LocalRequest,
  keys: KeyRing,
  defaultRegion: string,
): Promise<Authentication> {
  const sigV2 = readSigV2Query(request);
  if (sigV2 !== undefined) return authenticateSigV2(request, keys, defaultRegion, sigV2);
  const signature = readSignature(request);
  if (signature === undefined) {
    const service = serviceFromShape(request);
    // S3 lets anonymous requests through to the bucket policy check; the S3 service decides.
    if (service === "s3") return { ok: true, service, region: defaultRegion, presigned: false, request };
    return fail(service, "missing");
  }
  if ("problem" in signature) {
    return fail(serviceFromShape(request), "malformed", { message: signature.message });
  }
  const service = isServiceName(signature.service) ? signature.service : serviceFromShape(request);
  const key = keys.find(signature.accessKeyId);
  if (key === undefined) {
    return fail(service, "unknownKey", { extra: { AWSAccessKeyId: signature.accessKeyId } });
  }
  const token = signature.presigned
    ? request.query.get("X-Amz-Security-Token") ?? undefined
    : request.headers["x-amz-security-token"];
  const refused = tokenFailure(service, key, token) ?? dateFailure(service, signature, Date.now()) ??
    headerFailure(service, request, signature);
  if (refused) return refused;
  let body = request.body;
  let payloadHash = signature.presigned
    ? request.query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD"
    : request.headers["x-amz-content-sha256"];
  if (payloadHash === undefined) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of request.body) {
      size += chunk.length;
      if (size <= MAX_HASHED_BODY) chunks.push(chunk);
    }
    if (size > MAX_HASHED_BODY) {
      return fail(service, "malformed", { message: "Request body too large to verify its signature." });
    }
    const bytes = concatBytes(chunks, size);
    payloadHash = sha256Hex(bytes);
    body = (async function* () {
      if (bytes.length > 0) yield bytes;
    })();
  }
  const rebuilt: LocalRequest = body === request.body ? request : { ...request, body };
  if (!signatureMatches(rebuilt, signature, key.secretAccessKey, payloadHash)) {
    return fail(service, "badSignature");
  }
  return {
    ok: true,
    service,
    region: signature.region,
    accessKeyId: signature.accessKeyId,
    presigned: signature.presigned,
    caller: key.caller,
    request: rebuilt,
  };
}
