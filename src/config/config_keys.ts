/**
 * The one table of configuration keys: option name, TOML name and aliases, environment
 * variables, type, allowed values and default.
 *
 * @module
 */
import { join } from "node:path";

/** The staging bucket the original plugin defaults to. */
export const DEFAULT_BUCKET = "covalent-lambda-job-resources";
/** The execution role the original plugin defaults to. */
export const DEFAULT_ROLE = "CovalentLambdaExecutionRole";

/** Lambda's limit on a synchronous Invoke's request and response payload, bytes. */
export const INVOKE_PAYLOAD_LIMIT = 6_291_456;
/** Largest event or answer sent inline by default: under Lambda's limit, with room for the envelope. */
export const DEFAULT_INLINE_LIMIT = 6_000_000;

/** How a key's value is read and checked. */
export type KeyType =
  | { readonly kind: "string" }
  | { readonly kind: "path" }
  | { readonly kind: "boolean" }
  | {
    readonly kind: "number";
    readonly min: number;
    readonly max: number;
    readonly integer: boolean;
    readonly unit: string;
  }
  | { readonly kind: "choice"; readonly values: readonly string[] }
  | { readonly kind: "endpoint" };

/** One configuration key. */
export interface KeySpec {
  /** TypeScript option name. */
  readonly option: string;
  /** TOML key in `[executors.awslambda]`. */
  readonly toml: string;
  /** Other TOML names accepted (the Python plugin's). */
  readonly aliases: readonly string[];
  /** Environment variables, first found wins. */
  readonly env: readonly string[];
  /** Type and range. */
  readonly type: KeyType;
  /** The default, given the user's home directory; undefined means "not set". */
  readonly fallback: (home: string) => string | number | boolean | undefined;
}

const positive = (min: number, max: number, integer: boolean, unit: string): KeyType => ({
  kind: "number",
  min,
  max,
  integer,
  unit,
});

/** Every key the executor understands. */
export const CONFIG_KEYS: readonly KeySpec[] = [
  {
    option: "credentials",
    toml: "credentials",
    aliases: ["credentials_file"],
    env: ["AWS_SHARED_CREDENTIALS_FILE"],
    type: { kind: "path" },
    fallback: () => undefined,
  },
  {
    option: "profile",
    toml: "profile",
    aliases: [],
    env: ["AWS_PROFILE"],
    type: { kind: "string" },
    fallback: () => undefined,
  },
  {
    option: "region",
    toml: "region",
    aliases: [],
    env: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    type: { kind: "string" },
    fallback: () => "us-east-1",
  },
  {
    option: "lambdaRoleName",
    toml: "lambda_role_name",
    aliases: ["execution_role"],
    env: [],
    type: { kind: "string" },
    fallback: () => DEFAULT_ROLE,
  },
  {
    option: "s3BucketName",
    toml: "s3_bucket_name",
    aliases: [],
    env: [],
    type: { kind: "string" },
    fallback: () => DEFAULT_BUCKET,
  },
  {
    option: "cacheDir",
    toml: "cache_dir",
    aliases: [],
    env: [],
    type: { kind: "path" },
    fallback: (home) => join(home, ".cache", "covalent"),
  },
  {
    option: "pollFreq",
    toml: "poll_freq",
    aliases: [],
    env: [],
    type: positive(0.05, 3600, false, "seconds"),
    fallback: () => 5,
  },
  {
    option: "timeout",
    toml: "timeout",
    aliases: [],
    env: [],
    type: positive(1, 900, true, "seconds"),
    fallback: () => 60,
  },
  {
    option: "memorySize",
    toml: "memory_size",
    aliases: [],
    env: [],
    type: positive(128, 10240, true, "MB"),
    fallback: () => 512,
  },
  {
    option: "cleanup",
    toml: "cleanup",
    aliases: [],
    env: [],
    type: { kind: "boolean" },
    fallback: () => true,
  },
  {
    option: "endpoint",
    toml: "endpoint",
    aliases: [],
    env: [],
    type: { kind: "endpoint" },
    fallback: () => undefined,
  },
  {
    option: "runtime",
    toml: "runtime",
    aliases: [],
    env: [],
    type: { kind: "choice", values: ["nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x"] },
    fallback: () => "nodejs22.x",
  },
  {
    option: "architecture",
    toml: "architecture",
    aliases: [],
    env: [],
    type: { kind: "choice", values: ["x86_64", "arm64"] },
    fallback: () => "x86_64",
  },
  {
    option: "functionPerTask",
    toml: "function_per_task",
    aliases: [],
    env: [],
    type: { kind: "boolean" },
    fallback: () => false,
  },
  {
    option: "maxConcurrency",
    toml: "max_concurrency",
    aliases: [],
    env: [],
    type: positive(1, 10_000, true, "tasks"),
    fallback: () => undefined,
  },
  {
    option: "inlineLimit",
    toml: "inline_limit",
    aliases: [],
    env: [],
    type: positive(1024, INVOKE_PAYLOAD_LIMIT, true, "bytes"),
    fallback: () => DEFAULT_INLINE_LIMIT,
  },
  {
    option: "retries",
    toml: "retries",
    aliases: [],
    env: [],
    type: positive(0, 10, true, "retries"),
    fallback: () => 0,
  },
];

/** Describes what a key allows, for error messages. */
export function describeAllowed(spec: KeySpec): string {
  const type = spec.type;
  switch (type.kind) {
    case "string":
      return "a non-empty string";
    case "path":
      return "a file system path (a non-empty string; ~ means your home directory)";
    case "boolean":
      return "true or false";
    case "number":
      return `${
        type.integer ? "a whole number" : "a number"
      } of ${type.unit} from ${type.min} to ${type.max}`;
    case "choice":
      return `one of ${type.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "endpoint":
      return 'an http(s) URL such as "http://127.0.0.1:4566", or "local" for the embedded local AWS';
  }
}
