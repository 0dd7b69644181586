/**
 * The options every command that talks to AWS shares: where (endpoint, region), as whom
 * (credentials, profile), with which bucket and execution role, and which config file to read.
 *
 * @module
 */
import type { ExecutorOptions } from "../config/executor_options.ts";
import type { FlagSpec } from "./parse_flags.ts";

/** The shared options, in help order. */
export const EXECUTOR_FLAGS: readonly FlagSpec[] = [
  {
    name: "endpoint",
    value: "<url>",
    description: 'S3/Lambda-compatible endpoint, or "local" (default: from config, else AWS)',
  },
  { name: "region", value: "<region>", description: "Region (default: from config or environment)" },
  { name: "credentials", value: "<file>", description: "Shared credentials file (default: the SDK's chain)" },
  { name: "profile", value: "<name>", description: "Credentials profile" },
  { name: "bucket", value: "<name>", description: "Staging bucket (default: from config)" },
  { name: "role", value: "<name or ARN>", description: "Execution role (default: from config)" },
  { name: "config", value: "<file>", description: "Covalent config file to read" },
];

/**
 * The executor options the shared flags set (undefined where not given, so the config file
 * and the environment decide).
 *
 * @param values The parsed option values.
 * @returns Executor options.
 */
export function executorOptionsFrom(values: ReadonlyMap<string, string | number | true>): ExecutorOptions {
  const text = (name: string) => values.get(name) as string | undefined;
  return {
    endpoint: text("endpoint"),
    region: text("region"),
    credentials: text("credentials"),
    profile: text("profile"),
    s3BucketName: text("bucket"),
    lambdaRoleName: text("role"),
    configFile: text("config"),
  };
}
