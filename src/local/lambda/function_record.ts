/**
 * What the Lambda service remembers about a function: its revisions (code + configuration),
 * its state, tags, reserved concurrency and asynchronous-invocation settings.
 *
 * @module
 */
import type { LoggingSettings } from "./logging_config.ts";

/** The configuration members a caller sets (CreateFunction, UpdateFunctionConfiguration). */
export interface FunctionSettings extends LoggingSettings {
  readonly runtime: string;
  readonly role: string;
  readonly handler: string;
  readonly description: string;
  /** Seconds, 1–900. */
  readonly timeout: number;
  /** MB, 128–10240. */
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  /** `x86_64` or `arm64`. */
  readonly architecture: string;
  /** MB of `/tmp`, 512–10240. */
  readonly ephemeralStorageSize: number;
  /** `PassThrough` or `Active`. */
  readonly tracingMode: string;
}

/** A deployment package stored on disk, unpacked once. */
export interface StoredCode {
  /** Base64 SHA-256 of the zip, as `CodeSha256` reports it. */
  readonly sha256: string;
  /** Hex SHA-256 of the zip (used in paths and download URLs). */
  readonly key: string;
  /** Zip size in bytes (`CodeSize`). */
  readonly size: number;
  /** Where the package is unpacked (the function's `/var/task`). */
  readonly codeDir: string;
  /** Where the zip itself is kept, for `Code.Location`. */
  readonly zipPath: string;
}

/** One revision of a function: code and configuration that are run together. */
export interface FunctionRevision {
  /** `RevisionId`; new on every code or configuration update. */
  readonly revisionId: string;
  readonly settings: FunctionSettings;
  readonly code: StoredCode;
  /** `LastModified`, e.g. `2025-11-25T02:26:54.000+0000`. */
  readonly lastModified: string;
}

/** Settings for asynchronous invocations (PutFunctionEventInvokeConfig). */
export interface EventInvokeConfig {
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
  readonly destinationConfig: {
    readonly OnSuccess: Readonly<Record<string, unknown>>;
    readonly OnFailure: Readonly<Record<string, unknown>>;
  };
  /** Epoch seconds. */
  readonly lastModified: number;
}

/** A function as the control plane holds it. Fields change as the function moves on. */
export interface FunctionRecord {
  readonly name: string;
  /** Unqualified ARN. */
  readonly arn: string;
  /** What the control plane reports (the newest revision). */
  latest: FunctionRevision;
  /** What invocations run: the previous revision while an update is in progress. */
  serving: FunctionRevision;
  state: "Pending" | "Active" | "Failed" | "Inactive";
  /** Why it is Pending: being created, or being restored after it went Inactive. */
  pendingReason?: "Creating" | "Restoring";
  /** Absent until the function first becomes Active. */
  lastUpdateStatus?: "InProgress" | "Successful" | "Failed";
  tags: Record<string, string>;
  reservedConcurrency?: number;
  eventInvokeConfig?: EventInvokeConfig;
}

/** Formats a time as Lambda's `LastModified` strings are (`…T02:26:54.000+0000`). */
export function lambdaTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace("Z", "+0000");
}
