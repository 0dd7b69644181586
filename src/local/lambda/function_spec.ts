/**
 * The executor's view of a function: the revision invocations run now.
 *
 * @module
 */
import type { FunctionSpec } from "./function_executor.ts";
import type { FunctionRecord } from "./function_record.ts";

/**
 * The spec of the revision a function serves: while an update is in progress that is still
 * the previous code and configuration, as on AWS.
 */
export function servingSpec(record: FunctionRecord): FunctionSpec {
  const { settings, code, revisionId } = record.serving;
  return {
    functionName: record.name,
    functionArn: record.arn,
    version: "$LATEST",
    runtime: settings.runtime,
    handler: settings.handler,
    codeDir: code.codeDir,
    revisionId,
    timeoutSeconds: settings.timeout,
    memoryMb: settings.memorySize,
    environment: settings.environment,
    architecture: settings.architecture,
    roleArn: settings.role,
    logFormat: settings.logFormat,
    ...(settings.applicationLogLevel === undefined
      ? {}
      : { applicationLogLevel: settings.applicationLogLevel }),
    ...(settings.systemLogLevel === undefined ? {} : { systemLogLevel: settings.systemLogLevel }),
    ...(record.reservedConcurrency === undefined ? {} : { reservedConcurrency: record.reservedConcurrency }),
  };
}
