/**
 * Rendering a function as Lambda's `FunctionConfiguration` JSON.
 *
 * @module
 */
import type { FunctionRecord } from "./function_record.ts";
import { runtimeVersionArn } from "./runtime_version.ts";

/** How a configuration is shown. */
export interface ConfigurationView {
  /** The region in ARNs. */
  readonly region: string;
  /** ListFunctions items leave out the state and update status fields and RuntimeVersionConfig. */
  readonly listItem?: boolean;
  /** Print the ARN qualified with `:$LATEST` (the caller named a qualifier). */
  readonly qualified?: boolean;
}

const CREATING = { reason: "The function is being created.", code: "Creating" } as const;
/** U: the reason text of a function woken from Inactive has not been seen in a public trace. */
const RESTORING = { reason: "The function is being restored.", code: "Restoring" } as const;
/** S: a real GetFunction answer for an Inactive function, pasted in a public repository (2023-09). */
const IDLE = { reason: "The function is currently idle.", code: "Idle" } as const;

/** The `FunctionConfiguration` of a function's latest revision. */
export function configurationJson(record: FunctionRecord, view: ConfigurationView): Record<string, unknown> {
  const { settings, code } = record.latest;
  const out: Record<string, unknown> = {
    FunctionName: record.name,
    FunctionArn: view.qualified ? `${record.arn}:$LATEST` : record.arn,
    Runtime: settings.runtime,
    Role: settings.role,
    Handler: settings.handler,
    CodeSize: code.size,
    Description: settings.description,
    Timeout: settings.timeout,
    MemorySize: settings.memorySize,
    LastModified: record.latest.lastModified,
    CodeSha256: code.sha256,
    Version: "$LATEST",
    TracingConfig: { Mode: settings.tracingMode },
    RevisionId: record.latest.revisionId,
  };
  // AWS leaves Environment out for a function without variables (S: github floci-io/floci#2838,
  // measured against lambda.us-east-1 and ap-southeast-1, 2026); `{Variables:{}}` would show as
  // an `environment {}` block Terraform keeps trying to remove.
  if (Object.keys(settings.environment).length > 0) {
    out.Environment = { Variables: { ...settings.environment } };
  }
  if (!view.listItem) {
    out.State = record.state;
    const reason = record.state === "Inactive"
      ? IDLE
      : record.state === "Pending"
      ? (record.pendingReason === "Restoring" ? RESTORING : CREATING)
      : undefined;
    if (reason !== undefined) {
      out.StateReason = reason.reason;
      out.StateReasonCode = reason.code;
    }
    if (record.lastUpdateStatus !== undefined) {
      out.LastUpdateStatus = record.lastUpdateStatus;
      if (record.lastUpdateStatus === "InProgress") {
        out.LastUpdateStatusReason = CREATING.reason;
        out.LastUpdateStatusReasonCode = CREATING.code;
      }
    }
  }
  out.PackageType = "Zip";
  out.Architectures = [settings.architecture];
  out.EphemeralStorage = { Size: settings.ephemeralStorageSize };
  out.SnapStart = { ApplyOn: "None", OptimizationStatus: "Off" };
  // The levels exist only with the JSON format (see logging_config.ts).
  out.LoggingConfig = {
    LogFormat: settings.logFormat,
    ...(settings.applicationLogLevel === undefined
      ? {}
      : { ApplicationLogLevel: settings.applicationLogLevel }),
    ...(settings.systemLogLevel === undefined ? {} : { SystemLogLevel: settings.systemLogLevel }),
    LogGroup: settings.logGroup,
  };
  if (!view.listItem) {
    out.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(view.region, settings.runtime) };
  }
  return out;
}
