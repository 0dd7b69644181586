/**
 * The one place that reads the AWS SDK's errors: it turns whatever a client's `send` threw
 * into an `AwsError` with a reason, keeping only plain, redacted facts.
 *
 * @module
 */
import { AwsError, type AwsErrorReason, type AwsService, type TransportFailure } from "./aws_error.ts";
import { redactSecrets } from "./redact_secrets.ts";

/**
 * What was being called, for the error.
 *
 * @example
 * ```ts
 * import type { AwsCallSite } from "@covalent/awslambda";
 * const site: AwsCallSite = { service: "s3", operation: "PutObject", resource: "s3://b/k" };
 * ```
 */
export interface AwsCallSite {
  /** The service. */
  readonly service: AwsService;
  /** The API operation. */
  readonly operation: string;
  /** What it is called on. */
  readonly resource?: string;
}

/** The parts of an SDK error this module reads; everything else is left behind. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly Code?: unknown;
  readonly Region?: unknown;
  readonly Reason?: unknown;
  readonly BucketRegion?: unknown;
  readonly retryAfterSeconds?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: {
    readonly httpStatusCode?: unknown;
    readonly requestId?: unknown;
    readonly attempts?: unknown;
  };
  readonly $response?: { readonly statusCode?: unknown; readonly headers?: Record<string, unknown> };
  readonly cause?: unknown;
}

const BY_CODE: Readonly<Record<string, Exclude<AwsErrorReason["_tag"], "Transport">>> = {
  NoSuchBucket: "NotFound",
  NoSuchKey: "NotFound",
  NoSuchUpload: "NotFound",
  NotFound: "NotFound",
  ResourceNotFoundException: "NotFound",
  NoSuchEntity: "NotFound",
  NoSuchEntityException: "NotFound",
  BucketAlreadyOwnedByYou: "AlreadyExists",
  BucketAlreadyExists: "AlreadyExists",
  EntityAlreadyExists: "AlreadyExists",
  EntityAlreadyExistsException: "AlreadyExists",
  ResourceInUseException: "Conflict",
  ConcurrentModification: "Conflict",
  ConcurrentModificationException: "Conflict",
  DeleteConflict: "Conflict",
  DeleteConflictException: "Conflict",
  OperationAborted: "Conflict",
  ResourceNotReadyException: "NotReady",
  CodeArtifactUserPendingException: "NotReady",
  TooManyRequestsException: "Throttled",
  Throttling: "Throttled",
  ThrottlingException: "Throttled",
  ThrottledException: "Throttled",
  SlowDown: "Throttled",
  RequestLimitExceeded: "Throttled",
  RequestThrottled: "Throttled",
  RequestThrottledException: "Throttled",
  TooManyRequests: "Throttled",
  LimitExceededException: "Throttled",
  AccessDenied: "AccessDenied",
  AccessDeniedException: "AccessDenied",
  AllAccessDisabled: "AccessDenied",
  UnauthorizedOperation: "AccessDenied",
  InvalidAccessKeyId: "InvalidCredentials",
  SignatureDoesNotMatch: "InvalidCredentials",
  UnrecognizedClientException: "InvalidCredentials",
  InvalidClientTokenId: "InvalidCredentials",
  InvalidSignatureException: "InvalidCredentials",
  IncompleteSignature: "InvalidCredentials",
  IncompleteSignatureException: "InvalidCredentials",
  MissingAuthenticationToken: "InvalidCredentials",
  MissingAuthenticationTokenException: "InvalidCredentials",
  InvalidToken: "InvalidCredentials",
  AuthFailure: "InvalidCredentials",
  CredentialsProviderError: "InvalidCredentials",
  ExpiredToken: "ExpiredCredentials",
  ExpiredTokenException: "ExpiredCredentials",
  RequestExpired: "ExpiredCredentials",
  TokenRefreshRequired: "ExpiredCredentials",
  RequestTimeTooSkewed: "ExpiredCredentials",
  PermanentRedirect: "WrongRegion",
  AuthorizationHeaderMalformed: "WrongRegion",
  IllegalLocationConstraintException: "WrongRegion",
  InvalidParameterValueException: "InvalidParameter",
  InvalidRequestContentException: "InvalidParameter",
  InvalidParameterException: "InvalidParameter",
  ValidationError: "InvalidParameter",
  ValidationException: "InvalidParameter",
  InvalidInput: "InvalidParameter",
  InvalidInputException: "InvalidParameter",
  MalformedPolicyDocument: "InvalidParameter",
  MalformedPolicyDocumentException: "InvalidParameter",
  InvalidBucketName: "InvalidParameter",
  InvalidArgument: "InvalidParameter",
  InvalidRequest: "InvalidParameter",
  MalformedXML: "InvalidParameter",
  InvalidRuntimeException: "InvalidParameter",
  RequestEntityTooLargeException: "TooLarge",
  RequestTooLargeException: "TooLarge",
  EntityTooLarge: "TooLarge",
  CodeStorageExceededException: "TooLarge",
  ServiceException: "ServiceFailure",
  InternalError: "ServiceFailure",
  InternalFailure: "ServiceFailure",
  ServiceFailure: "ServiceFailure",
  ServiceFailureException: "ServiceFailure",
  ServiceUnavailable: "ServiceFailure",
  ServiceUnavailableException: "ServiceFailure",
};

const TRANSPORT_CODES: Readonly<Record<string, TransportFailure>> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "unresolved",
  EAI_AGAIN: "unresolved",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  ERR_STREAM_PREMATURE_CLOSE: "reset",
  ETIMEDOUT: "timeout",
  ESOCKETTIMEDOUT: "timeout",
  EHOSTUNREACH: "refused",
  ENETUNREACH: "refused",
};

/**
 * Turns what an SDK client threw into an `AwsError`. Only plain facts are copied out (code,
 * redacted message, status, request id, attempts, the region S3 named); the SDK error itself,
 * which holds the raw request and response, is dropped.
 *
 * @param site What was being called.
 * @param thrown What `send` threw.
 * @returns The typed error.
 */
export function toAwsError(site: AwsCallSite, thrown: unknown): AwsError {
  const error = (typeof thrown === "object" && thrown !== null ? thrown : {}) as SdkErrorShape;
  const status = asNumber(error.$metadata?.httpStatusCode) ?? asNumber(error.$response?.statusCode);
  const name = asString(error.name) ?? "Error";
  const rawMessage = asString(error.message) ?? (typeof thrown === "string" ? thrown : "");
  const socketCode = asString(error.code) ?? asString((error.cause as SdkErrorShape | undefined)?.code);
  const transport = status === undefined && BY_CODE[name] === undefined
    ? transportFailure(name, rawMessage, socketCode)
    : undefined;
  const code = transport !== undefined
    ? socketCode ?? name
    : name === "Unknown" || name === "Error"
    ? asString(error.Code) ?? (status === undefined ? name : `HTTP ${status}`)
    : name;
  const reason = transport !== undefined
    ? { _tag: "Transport" as const, kind: transport }
    : reasonFor(code, rawMessage, status, error);
  const awsMessage = redactSecrets(rawMessage === "UnknownError" ? "" : rawMessage);
  const summary = new Error(awsMessage === "" ? code : `${code}: ${awsMessage}`);
  summary.name = code;
  return new AwsError({
    service: site.service,
    operation: site.operation,
    resource: site.resource,
    reason,
    code,
    awsMessage,
    status,
    requestId: asString(error.$metadata?.requestId),
    attempts: asNumber(error.$metadata?.attempts) ?? 1,
    cause: summary,
  });
}

function reasonFor(
  code: string,
  message: string,
  status: number | undefined,
  error: SdkErrorShape,
): AwsErrorReason {
  const tag: Exclude<AwsErrorReason["_tag"], "Transport"> = code === "ResourceConflictException"
    // Lambda uses one code for "already exists" and "busy"; only the message tells them apart.
    ? (/already exist/i.test(message) ? "AlreadyExists" : "Conflict")
    : code === "InvalidParameterValueException" && /cannot be assumed by Lambda/i.test(message)
    // Likewise for an execution role Lambda cannot assume (untrusted, or not yet propagated).
    ? "RoleNotAssumable"
    : status === 400 && code === "HTTP 400" && header(error, "x-amz-bucket-region") !== undefined
    // A HEAD answer has no body to name its error: S3 answers HeadBucket signed for another
    // region with a bare 400 and the bucket's region (the SDK's region redirect reads it so too).
    ? "WrongRegion"
    : BY_CODE[code] ?? tagForStatus(status);
  switch (tag) {
    case "Throttled":
      return { _tag: tag, retryAfterMs: retryAfterMs(error), limit: asString(error.Reason) };
    case "WrongRegion":
      return { _tag: tag, bucketRegion: bucketRegion(error) };
    default:
      return { _tag: tag };
  }
}

function tagForStatus(status: number | undefined): Exclude<AwsErrorReason["_tag"], "Transport"> {
  if (status === undefined) return "Unknown";
  if (status === 301 || status === 307) return "WrongRegion";
  if (status === 403) return "AccessDenied";
  if (status === 404) return "NotFound";
  if (status === 409) return "Conflict";
  if (status === 413) return "TooLarge";
  if (status === 429) return "Throttled";
  if (status >= 500) return "ServiceFailure";
  if (status >= 400) return "InvalidParameter";
  return "Unknown";
}

function transportFailure(
  name: string,
  message: string,
  socketCode: string | undefined,
): TransportFailure | undefined {
  if (socketCode !== undefined && TRANSPORT_CODES[socketCode] !== undefined) {
    return TRANSPORT_CODES[socketCode];
  }
  if (name === "TimeoutError" || name === "RequestTimeout") return "timeout";
  if (/socket hang up|ECONNRESET|other side closed/i.test(message)) return "reset";
  if (/ECONNREFUSED|Connection refused/i.test(message)) return "refused";
  if (/ENOTFOUND|getaddrinfo|dns error|failed to lookup/i.test(message)) return "unresolved";
  // A service exception always carries a status; anything else never got an answer.
  return "other";
}

function retryAfterMs(error: SdkErrorShape): number | undefined {
  const seconds = asNumber(error.retryAfterSeconds) ?? headerSeconds(header(error, "retry-after"));
  if (seconds !== undefined) return seconds * 1000;
  return asNumber(header(error, "x-amz-retry-after"));
}

function headerSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function bucketRegion(error: SdkErrorShape): string | undefined {
  return header(error, "x-amz-bucket-region") ?? asString(error.Region) ?? asString(error.BucketRegion);
}

function header(error: SdkErrorShape, name: string): string | undefined {
  const headers = error.$response?.headers;
  if (headers === undefined) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return asString(value);
  }
  return undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}
