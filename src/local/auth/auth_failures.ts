/**
 * How each service refuses a request it cannot authenticate: status, code and message per
 * service, in AWS's words.
 *
 * @module
 */
import type { ServiceErrorSpec } from "../service.ts";

/** Why a request was refused before any service looked at it. */
export type AuthFailure =
  | "unknownKey"
  | "badSignature"
  | "missing"
  | "malformed"
  | "expired"
  | "skewed"
  | "notYetValid"
  | "unsignedHeaders"
  | "missingContentSha256"
  | "missingToken"
  | "badToken"
  | "expiredToken";

type Service = "s3" | "lambda" | "iam" | "sts";

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";
// S: GH-err cfn-sphere/cfn-sphere#55 (IAM, 403 ExpiredToken), cloudquery/cq-provider-aws#1171
// (Lambda, 403 ExpiredTokenException); the same words in both, without a final period.
const EXPIRED_TOKEN = "The security token included in the request is expired";

/** IAM and STS share the query protocol and answer authentication failures alike. */
const QUERY_PROTOCOL_FAILURES: Readonly<Record<AuthFailure, readonly [number, string, string]>> = {
  unknownKey: [403, "InvalidClientTokenId", INVALID_TOKEN],
  badSignature: [403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH],
  missing: [403, "MissingAuthenticationToken", "Request is missing Authentication Token"],
  malformed: [400, "IncompleteSignature", ""],
  expired: [403, "SignatureDoesNotMatch", "Signature expired"],
  skewed: [403, "SignatureDoesNotMatch", "Signature expired"],
  notYetValid: [403, "SignatureDoesNotMatch", "Signature not yet current"],
  unsignedHeaders: [403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH],
  missingContentSha256: [400, "IncompleteSignature", ""],
  missingToken: [403, "InvalidClientTokenId", INVALID_TOKEN],
  badToken: [403, "InvalidClientTokenId", INVALID_TOKEN],
  expiredToken: [403, "ExpiredToken", EXPIRED_TOKEN],
};

/**
 * Session-key failures (S: public traces of real AWS):
 * - S3 without the token: 403 InvalidAccessKeyId with `<AWSAccessKeyId>` (databendlabs/databend#8069);
 *   a wrong token: 400 InvalidToken (aws/aws-sdk-js#3534, s3tools/s3cmd#297); an expired one:
 *   400 ExpiredToken with `<Token-0>` (romange/helio#15, craftcms/aws-s3#182).
 * - Lambda, IAM and STS say "invalid" for a missing or wrong token alike (seppevs/move-sqs#129
 *   for the query services; U for Lambda's missing-token case).
 */
const FAILURES: Readonly<Record<Service, Readonly<Record<AuthFailure, readonly [number, string, string]>>>> =
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
      skewed: [
        403,
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
      ],
      notYetValid: [403, "AccessDenied", "Request is not yet valid"],
      unsignedHeaders: [
        403,
        "AccessDenied",
        "There were headers present in the request which were not signed",
      ],
      missingContentSha256: [
        400,
        "InvalidRequest",
        "Missing required header for this request: x-amz-content-sha256",
      ],
      missingToken: [
        403,
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
      ],
      badToken: [400, "InvalidToken", "The provided token is malformed or otherwise invalid."],
      expiredToken: [400, "ExpiredToken", "The provided token has expired."],
    },
    lambda: {
      unknownKey: [403, "UnrecognizedClientException", INVALID_TOKEN],
      badSignature: [403, "InvalidSignatureException", SIGNATURE_MISMATCH],
      missing: [403, "MissingAuthenticationTokenException", "Missing Authentication Token"],
      malformed: [400, "IncompleteSignatureException", ""],
      expired: [403, "InvalidSignatureException", "Signature expired"],
      skewed: [403, "InvalidSignatureException", "Signature expired"],
      notYetValid: [403, "InvalidSignatureException", "Signature not yet current"],
      unsignedHeaders: [403, "InvalidSignatureException", SIGNATURE_MISMATCH],
      missingContentSha256: [400, "IncompleteSignatureException", ""],
      missingToken: [403, "UnrecognizedClientException", INVALID_TOKEN],
      badToken: [403, "UnrecognizedClientException", INVALID_TOKEN],
      expiredToken: [403, "ExpiredTokenException", EXPIRED_TOKEN],
    },
    iam: QUERY_PROTOCOL_FAILURES,
    sts: QUERY_PROTOCOL_FAILURES,
  };

/**
 * The error a service answers for an authentication failure.
 *
 * @param service The service the request was for.
 * @param failure What was wrong.
 * @param detail A message replacing the table's (malformed signatures), and S3's extra elements.
 * @returns The error to render.
 */
export function authFailure(
  service: Service,
  failure: AuthFailure,
  detail: { message?: string; extra?: Readonly<Record<string, string>> } = {},
): ServiceErrorSpec {
  const [status, code, text] = FAILURES[service][failure];
  return {
    status,
    code,
    message: detail.message ?? text,
    ...(service === "s3" && detail.extra ? { extra: detail.extra } : {}),
  };
}
