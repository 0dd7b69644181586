/**
 * What every local AWS service (S3, Lambda, IAM, STS) looks like to the router.
 *
 * @module
 */
import type { CallerIdentity } from "./auth/key_ring.ts";
import type { LocalRequest, LocalResponse } from "./http/exchange.ts";

/** A request that passed authentication, with what the signature said about it. */
export interface ServiceRequest extends LocalRequest {
  /** Region from the credential scope (the server's region for anonymous requests). */
  readonly region: string;
  /** The id this request is answered under (`x-amzn-RequestId` / `x-amz-request-id`). */
  readonly requestId: string;
  /** The access key that signed it; absent for anonymous requests. */
  readonly accessKeyId?: string;
  /** Whether it was authenticated by a presigned query string. */
  readonly presigned: boolean;
  /** Who signed it (its account, ARN); absent for anonymous requests. */
  readonly caller?: CallerIdentity;
}

/** An error in the service's own wire format, before rendering. */
export interface ServiceErrorSpec {
  /** HTTP status. */
  readonly status: number;
  /** AWS error code (`NoSuchKey`, `ResourceNotFoundException`, `NoSuchEntity`, …). */
  readonly code: string;
  /** Human-readable message, AWS's wording where known. */
  readonly message: string;
  /** Extra elements of S3's error document (`AWSAccessKeyId`, `Token-0`, …). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** A request named by the operation it asks for. */
export interface IdentifiedRequest {
  /** The operation, as the service's API names it (`PutObject`, `Invoke`, `CreateRole`), or `Unknown`. */
  readonly operation: string;
  /** The request to serve: the same one, or one whose body replays what naming it had to read. */
  readonly request: LocalRequest;
}

/** One AWS service served by local AWS. */
export interface LocalService {
  /**
   * Names the operation an authenticated request asks for, with the table the service routes
   * by, before anything else happens to it (local AWS counts requests by it).
   */
  identify(request: LocalRequest): IdentifiedRequest | Promise<IdentifiedRequest>;
  /** Handles an authenticated request. Expected failures are answered, never thrown. */
  handle(request: ServiceRequest): Promise<LocalResponse>;
  /** Renders an error (authentication, internal) in this service's wire format. */
  renderError(error: ServiceErrorSpec, requestId: string): LocalResponse;
  /** Releases what the service holds (processes, file handles). */
  close(): Promise<void>;
}
