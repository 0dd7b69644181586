/**
 * Validating the configuration members of CreateFunction and UpdateFunctionConfiguration,
 * with AWS's error codes and messages.
 *
 * @module
 */
import type { RoleDirectory } from "./dependencies.ts";
import type { FunctionSettings } from "./function_record.ts";
import { objectMember, stringMember } from "./json_exchange.ts";
import type { JsonObject } from "./json_exchange.ts";
import { type ConstraintViolation, invalidParameter, quoted, validationFailure } from "./lambda_failure.ts";
import { readLoggingConfig } from "./logging_config.ts";
import { runtimeProblem } from "./runtime_names.ts";

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ROLE_TEXT = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
const ENV_LIMIT = 4096;

/** Keys Lambda sets itself and refuses in `Environment.Variables`. */
const RESERVED_ENV_KEYS = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

/** The defaults of a new function (Timeout 3, MemorySize 128, x86_64, 512 MB of /tmp). */
export function defaultSettings(functionName: string): FunctionSettings {
  return {
    runtime: "",
    role: "",
    handler: "",
    description: "",
    timeout: 3,
    memorySize: 128,
    environment: {},
    architecture: "x86_64",
    ephemeralStorageSize: 512,
    tracingMode: "PassThrough",
    logFormat: "Text",
    logGroup: `/aws/lambda/${functionName}`,
  };
}

/**
 * Applies the configuration members present in `input` to `base` and validates the result.
 * Throws ValidationException for shape violations (ranges, patterns), then
 * InvalidParameterValueException for environment, role and runtime problems.
 */
export function applySettings(
  input: JsonObject,
  base: FunctionSettings,
  roles: RoleDirectory,
): FunctionSettings {
  const violations: ConstraintViolation[] = [];
  const has = (member: string) => input[member] !== undefined && input[member] !== null;
  const range = (path: string, value: unknown, min: number, max: number) => {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      violations.push({ value: quoted(value), member: path, constraint: "Member must be an integer" });
    } else if (value < min) {
      violations.push({
        value: quoted(value),
        member: path,
        constraint: `Member must have value greater than or equal to ${min}`,
      });
    } else if (value > max) {
      violations.push({
        value: quoted(value),
        member: path,
        constraint: `Member must have value less than or equal to ${max}`,
      });
    }
  };
  const role = has("Role") ? String(input.Role) : base.role;
  if (has("Role") && !ROLE.test(role)) {
    violations.push({
      value: quoted(role),
      member: "role",
      constraint: `Member must satisfy regular expression pattern: ${ROLE_TEXT}`,
    });
  }
  if (has("Timeout")) range("timeout", input.Timeout, 1, 900);
  if (has("MemorySize")) range("memorySize", input.MemorySize, 128, 10240);
  const handler = has("Handler") ? String(input.Handler) : base.handler;
  if (has("Handler") && (handler.length > 128 || !/^[^\s]+$/.test(handler))) {
    violations.push({
      value: quoted(handler),
      member: "handler",
      constraint: handler.length > 128
        ? "Member must have length less than or equal to 128"
        : "Member must satisfy regular expression pattern: [^\\s]+",
    });
  }
  const description = has("Description") ? String(input.Description) : base.description;
  if (description.length > 256) {
    violations.push({
      value: quoted(description),
      member: "description",
      constraint: "Member must have length less than or equal to 256",
    });
  }
  const storage = objectMember(input.EphemeralStorage)?.Size;
  if (storage !== undefined) range("ephemeralStorage.size", storage, 512, 10240);
  const tracingMode = stringMember(objectMember(input.TracingConfig)?.Mode) ?? base.tracingMode;
  if (tracingMode !== "Active" && tracingMode !== "PassThrough") {
    violations.push({
      value: quoted(tracingMode),
      member: "tracingConfig.mode",
      constraint: "Member must satisfy enum value set: [Active, PassThrough]",
    });
  }
  const logging = readLoggingConfig(input.LoggingConfig, base, violations);
  const variables = has("Environment")
    ? objectMember(objectMember(input.Environment)?.Variables) ?? {}
    : undefined;
  if (variables !== undefined && !Object.keys(variables).every((key) => ENV_KEY.test(key))) {
    // Environment variables are sensitive in Lambda's model: AWS leaves the value out of the
    // message ("Value at 'environment.variables'"; S: AWS answers quoted in
    // github trek10inc/serverless-secrets#39 and aws-amplify/amplify-backend#2290).
    violations.push({
      value: "",
      member: "environment.variables",
      constraint: "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: " +
        "[a-zA-Z]([a-zA-Z0-9_])+]",
    });
  }
  if (violations.length > 0) throw validationFailure(violations);
  const loggingSettings = logging.settings();

  const environment = variables !== undefined ? readEnvironment(variables) : base.environment;
  const layers = Array.isArray(input.Layers) ? input.Layers : [];
  if (layers.length > 0) throw invalidParameter(`Layer version ${String(layers[0])} does not exist.`);
  // A missing role, one Lambda may not assume, and one created too recently to have propagated
  // all get the same answer from AWS (S: LS provider.py; DOC lambda-intro-execution-role).
  if (has("Role") && role !== base.role && !(roles.lambdaCanAssume?.(role) ?? roles.hasRole(role))) {
    throw invalidParameter("The role defined for the function cannot be assumed by Lambda.");
  }
  const runtime = has("Runtime") ? String(input.Runtime) : base.runtime;
  if (has("Runtime")) {
    const problem = runtimeProblem(runtime);
    if (problem) throw problem;
  }
  if (runtime === "" || handler === "") {
    throw invalidParameter(
      "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
    );
  }
  return {
    runtime,
    role,
    handler,
    description,
    timeout: has("Timeout") ? input.Timeout as number : base.timeout,
    memorySize: has("MemorySize") ? input.MemorySize as number : base.memorySize,
    environment,
    architecture: base.architecture,
    ephemeralStorageSize: typeof storage === "number" ? storage : base.ephemeralStorageSize,
    tracingMode,
    ...loggingSettings,
  };
}

function readEnvironment(variables: Readonly<Record<string, unknown>>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, text] of Object.entries(variables)) {
    environment[key] = typeof text === "string" ? text : String(text);
  }
  const reserved = Object.keys(environment).filter((key) => RESERVED_ENV_KEYS.has(key));
  if (reserved.length > 0) {
    throw invalidParameter(
      "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: " +
        reserved.join(", "),
    );
  }
  const measured = JSON.stringify(environment);
  if (new TextEncoder().encode(measured).length > ENV_LIMIT) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
  return environment;
}

/**
 * Reads an `Architectures` member: exactly one of `x86_64` and `arm64`, else AWS's
 * ValidationException. Undefined when the member is absent.
 */
export function readArchitecture(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  if (list.length !== 1) {
    throw validationFailure([{
      value: quoted(list),
      member: "architectures",
      constraint: "Member must have length less than or equal to 1",
    }]);
  }
  if (list[0] !== "x86_64" && list[0] !== "arm64") {
    throw validationFailure([{
      value: quoted(list),
      member: "architectures",
      constraint:
        "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]",
    }]);
  }
  return list[0];
}
