/**
 * Authenticating a request against the account's keys, and telling which service it is for.
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import { concatBytes } from "../http/body.ts";
import type { LocalRequest } from "../http/exchange.ts";
import type { ServiceErrorSpec } from "../service.ts";
import { readSignature } from "./signature.ts";
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
    /** The request, with its body buffered when the signature needed its hash. */
    readonly request: LocalRequest;
  }
  | { readonly ok: false; readonly service: ServiceName; readonly error: ServiceErrorSpec };

type Failure = "unknownKey" | "badSignature" | "missing" | "malformed" | "expired";

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

const FAILURES: Readonly<Record<ServiceName, Readonly<Record<Failure, readonly [number, string, string]>>>> =
  {
    s3: {
      unknownKey: [
        403,
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
      ],
      badSignature: [
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      ],
      missing: [403, "AccessDenied", "Access Denied"],
      malformed: [400, "AuthorizationQueryParametersError", ""],
      expired: [403, "AccessDenied", "Request has expired"],
    },
    lambda: {
      unknownKey: [403, "UnrecognizedClientException", INVALID_TOKEN],
      badSignature: [403, "InvalidSignatureException", SIGNATURE_MISMATCH],
      missing: [403, "MissingAuthenticationTokenException", "Missing Authentication Token"],
      malformed: [400, "IncompleteSignatureException", ""],
      expired: [403, "InvalidSignatureException", "Signature expired"],
    },
    iam: {
      unknownKey: [403, "InvalidClientTokenId", INVALID_TOKEN],
      badSignature: [403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH],
      missing: [403, "MissingAuthenticationToken", "Request is missing Authentication Token"],
      malformed: [400, "IncompleteSignature", ""],
      expired: [403, "SignatureDoesNotMatch", "Signature expired"],
    },
    sts: {
      unknownKey: [403, "InvalidClientTokenId", INVALID_TOKEN],
      badSignature: [403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH],
      missing: [403, "MissingAuthenticationToken", "Request is missing Authentication Token"],
      malformed: [400, "IncompleteSignature", ""],
      expired: [403, "SignatureDoesNotMatch", "Signature expired"],
    },
  };

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

function fail(service: ServiceName, failure: Failure, message?: string): Authentication {
  const [status, code, text] = FAILURES[service][failure];
  return { ok: false, service, error: { status, code, message: message ?? text } };
}

/** Checks a request's signature against the account's keys. */
export async function authenticate(request: LocalRequest, account: LocalAccount): Promise<Authentication> {
  const signature = readSignature(request);
  if (signature === undefined) {
    const service = serviceFromShape(request);
    // S3 lets anonymous requests through to the bucket policy check; the S3 service decides.
    if (service === "s3") return { ok: true, service, region: account.region, presigned: false, request };
    return fail(service, "missing");
  }
  if ("problem" in signature) return fail(serviceFromShape(request), "malformed", signature.message);
  const service = isServiceName(signature.service) ? signature.service : serviceFromShape(request);
  if (signature.accessKeyId !== account.credentials.accessKeyId) return fail(service, "unknownKey");
  if (signature.presigned) {
    const signedAt = parseAmzDate(signature.amzDate);
    if (!(signedAt + (signature.expiresSeconds ?? 0) * 1000 >= Date.now())) return fail(service, "expired");
  }
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
      return fail(service, "malformed", "Request body too large to verify its signature.");
    }
    const bytes = concatBytes(chunks, size);
    payloadHash = sha256Hex(bytes);
    body = (async function* () {
      if (bytes.length > 0) yield bytes;
    })();
  }
  const rebuilt: LocalRequest = body === request.body ? request : { ...request, body };
  if (!signatureMatches(rebuilt, signature, account.credentials.secretAccessKey, payloadHash)) {
    return fail(service, "badSignature");
  }
  return {
    ok: true,
    service,
    region: signature.region,
    accessKeyId: signature.accessKeyId,
    presigned: signature.presigned,
    request: rebuilt,
  };
}
