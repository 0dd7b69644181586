/**
 * The contract between the Lambda control plane (which knows functions) and the execution
 * engine (which runs them in OS processes through the Runtime API).
 *
 * @module
 */

/** Everything needed to run one revision of a function. */
export interface FunctionSpec {
  /** Function name. */
  readonly functionName: string;
  /** Unqualified function ARN. */
  readonly functionArn: string;
  /** Always `$LATEST` (versions are not simulated). */
  readonly version: string;
  /** Runtime identifier, e.g. `nodejs22.x`. */
  readonly runtime: string;
  /** Handler string, e.g. `index.handler`. */
  readonly handler: string;
  /** Directory holding the unpacked deployment package (the function's `/var/task`). */
  readonly codeDir: string;
  /**
   * Identifies this code and configuration. Environments started for another revision are
   * never reused for this one.
   */
  readonly revisionId: string;
  /** Timeout in seconds (1–900). */
  readonly timeoutSeconds: number;
  /** Memory in MB (128–10240). */
  readonly memoryMb: number;
  /** The function's own environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** `x86_64` or `arm64` (informational; processes run on the host's architecture). */
  readonly architecture: string;
  /** Reserved concurrency, when set (0 throttles every invocation). */
  readonly reservedConcurrency?: number;
  /** The execution role's ARN (its temporary credentials go into the environment). */
  readonly roleArn?: string;
  /** `LoggingConfig.LogFormat`: `Text` (the default) or `JSON`. */
  readonly logFormat?: string;
  /** `LoggingConfig.ApplicationLogLevel` (JSON only; AWS's default `INFO`). */
  readonly applicationLogLevel?: string;
  /** `LoggingConfig.SystemLogLevel` (JSON only; AWS's default `INFO`): which `platform.*` records are kept. */
  readonly systemLogLevel?: string;
}

/**
 * The region a function runs in: its ARN's, else `fallback`.
 *
 * @param spec The function.
 * @param fallback The account's region, for an ARN that names none.
 * @returns The region.
 */
export function functionRegion(spec: FunctionSpec, fallback: string): string {
  return spec.functionArn.split(":")[3] || fallback;
}

/** One invocation to run. */
export interface InvocationRequest {
  /** The request id the function sees (`context.awsRequestId`). */
  readonly requestId: string;
  /** The event, JSON text as bytes. */
  readonly payload: Uint8Array;
  /** Client context, already base64-decoded JSON text. */
  readonly clientContext?: string;
  /** The ARN the caller invoked (qualified when the caller passed a qualifier). */
  readonly invokedFunctionArn: string;
}

/** How an invocation ended. */
export interface InvocationResult {
  /**
   * `success`: `payload` is the handler's JSON response. `error`: `payload` is AWS's error JSON
   * (`{"errorType","errorMessage","trace"}`), for a throw, a timeout, a crash or an OOM alike.
   */
  readonly outcome: "success" | "error";
  /** Response or error JSON bytes. */
  readonly payload: Uint8Array;
  /** The invocation's log: START, the function's output, END and REPORT lines. */
  readonly log: string;
}

/** The throttling reasons AWS reports in `TooManyRequestsException.Reason`. */
export type ThrottleReason =
  | "ConcurrentInvocationLimitExceeded"
  | "ReservedFunctionConcurrentInvocationLimitExceeded";

/** Thrown by `invoke` when no environment may be started (AWS answers 429). */
export class ConcurrencyLimitExceeded extends Error {
  /** Which limit was hit. */
  readonly reason: ThrottleReason;
  constructor(reason: ThrottleReason) {
    super("Rate Exceeded.");
    this.name = "ConcurrencyLimitExceeded";
    this.reason = reason;
  }
}

/** Runs functions in OS processes. */
export interface FunctionExecutor {
  /**
   * Runs one invocation in a warm environment of this revision, or a new one. Throws
   * `ConcurrencyLimitExceeded` when the account or reserved limit is reached.
   */
  invoke(spec: FunctionSpec, request: InvocationRequest): Promise<InvocationResult>;
  /**
   * Ends environments of a function. Without `keepRevisionId` (the function was deleted) every
   * environment is killed at once, busy or not. With it (code or configuration changed) only
   * environments of other revisions end: idle ones now, busy ones when their invocation is done.
   */
  retire(functionName: string, keepRevisionId?: string): Promise<void>;
  /** The number of environments now serving an invocation (account-wide). */
  busyCount(): number;
  /** Ends every process and listener. */
  close(): Promise<void>;
}
