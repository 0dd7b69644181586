/**
 * `LoggingConfig` of CreateFunction and UpdateFunctionConfiguration: the log format, the log
 * group and, with the JSON format only, the application and system log levels.
 *
 * What AWS does (S: LS-snap test_lambda_api.snapshot.json `TestLoggingConfig`, recorded against
 * AWS 2025-11-25):
 * - a request member that is absent keeps the function's current value (a partial update
 *   `{LogFormat: "JSON", ApplicationLogLevel: "DEBUG"}` keeps the SystemLogLevel);
 * - choosing `JSON` without levels gives `ApplicationLogLevel: INFO` and `SystemLogLevel: INFO`;
 * - going back to `Text` removes both levels from the configuration.
 * A level with the `Text` format is refused with InvalidParameterValueException (its message
 * as AWS CloudFormation relayed it, quoted in github aws/aws-cdk#28045, 2023-11).
 *
 * @module
 */
import { objectMember, stringMember } from "./json_exchange.ts";
import { type ConstraintViolation, invalidParameter, quoted } from "./lambda_failure.ts";

/** The application log levels, from the most detailed (S: SDK `ApplicationLogLevel` enum). */
export const APPLICATION_LOG_LEVELS: readonly string[] = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
/** The system log levels, from the most detailed (S: SDK `SystemLogLevel` enum). */
export const SYSTEM_LOG_LEVELS: readonly string[] = ["DEBUG", "INFO", "WARN"];

/** A function's logging configuration, as FunctionConfiguration reports it. */
export interface LoggingSettings {
  /** `Text` or `JSON`. */
  readonly logFormat: string;
  /** The CloudWatch log group. */
  readonly logGroup: string;
  /** With `JSON` only: the lowest level of the function's own logs that is kept. */
  readonly applicationLogLevel?: string;
  /** With `JSON` only: the lowest level of Lambda's `platform.*` records that is kept. */
  readonly systemLogLevel?: string;
}

/**
 * Reads the `LoggingConfig` member over the function's current logging settings.
 *
 * @example
 * ```ts
 * const violations: ConstraintViolation[] = [];
 * const read = readLoggingConfig({ LogFormat: "JSON" }, current, violations);
 * if (violations.length === 0) settings = read.settings(); // INFO / INFO
 * ```
 *
 * @param member The request's `LoggingConfig` (absent: nothing changes).
 * @param base The function's current settings.
 * @param violations Receives the members that break the model's constraints (ValidationException).
 * @returns `settings()`, to call once there are no violations; it throws AWS's
 *   InvalidParameterValueException for a level asked for with the `Text` format.
 */
export function readLoggingConfig(
  member: unknown,
  base: LoggingSettings,
  violations: ConstraintViolation[],
): { settings(): LoggingSettings } {
  const logging = objectMember(member);
  const logFormat = stringMember(logging?.LogFormat) ?? base.logFormat;
  if (logFormat !== "Text" && logFormat !== "JSON") {
    violations.push({
      value: quoted(logFormat),
      member: "loggingConfig.logFormat",
      constraint: "Member must satisfy enum value set: [JSON, Text]",
    });
  }
  const level = (name: string, path: string, allowed: readonly string[]) => {
    const value = stringMember(logging?.[name]);
    if (value !== undefined && !allowed.includes(value)) {
      violations.push({
        value: quoted(value),
        member: path,
        constraint: `Member must satisfy enum value set: [${allowed.join(", ")}]`,
      });
    }
    return value;
  };
  const applicationLogLevel = level(
    "ApplicationLogLevel",
    "loggingConfig.applicationLogLevel",
    APPLICATION_LOG_LEVELS,
  );
  const systemLogLevel = level("SystemLogLevel", "loggingConfig.systemLogLevel", SYSTEM_LOG_LEVELS);
  const logGroup = stringMember(logging?.LogGroup) ?? base.logGroup;
  return {
    settings() {
      if (logFormat === "Text") {
        if (applicationLogLevel !== undefined || systemLogLevel !== undefined) {
          throw invalidParameter(
            'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.',
          );
        }
        return { logFormat, logGroup };
      }
      return {
        logFormat,
        logGroup,
        applicationLogLevel: applicationLogLevel ?? base.applicationLogLevel ?? "INFO",
        systemLogLevel: systemLogLevel ?? base.systemLogLevel ?? "INFO",
      };
    },
  };
}
