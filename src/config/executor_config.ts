/**
 * The executor's configuration once every source is merged and validated.
 *
 * @module
 */
import type { ConfigSource } from "./config_source.ts";

/**
 * The resolved configuration: every value present and valid, with where it came from.
 *
 * @example See where a value came from
 * ```ts
 * import { Effect } from "effect";
 * import { loadConfig } from "@covalent/awslambda";
 * const config = await Effect.runPromise(loadConfig({ timeout: 90 }));
 * console.log(config.timeout, config.sources.timeout); // 90 { kind: "option", name: "timeout" }
 * ```
 */
export interface ExecutorConfig {
  /** Shared credentials file, when one is configured. */
  readonly credentials?: string;
  /** Credentials profile, when one is configured. */
  readonly profile?: string;
  /** AWS region. */
  readonly region: string;
  /** Role name or ARN the function runs as. */
  readonly lambdaRoleName: string;
  /** Staging bucket. */
  readonly s3BucketName: string;
  /** Local cache directory (absolute). */
  readonly cacheDir: string;
  /** Longest wait between result checks, seconds. */
  readonly pollFreq: number;
  /** Function timeout, seconds (1–900). */
  readonly timeout: number;
  /** Function memory, MB (128–10240). */
  readonly memorySize: number;
  /** Whether to remove what the executor created. */
  readonly cleanup: boolean;
  /** Endpoint URL, `"local"`, or absent for real AWS. */
  readonly endpoint?: string;
  /** Lambda runtime identifier. */
  readonly runtime: string;
  /** Function architecture. */
  readonly architecture: "x86_64" | "arm64";
  /** One function per task instead of a shared one. */
  readonly functionPerTask: boolean;
  /** Most tasks in flight at once; undefined: from the account's unreserved concurrency. */
  readonly maxConcurrency?: number;
  /** Largest event or answer sent inline, bytes. */
  readonly inlineLimit: number;
  /** Reruns after an infrastructure failure that may have run the task. */
  readonly retries: number;
  /** The config file that was read, if any. */
  readonly configFile?: string;
  /** Where each value came from, by option name. */
  readonly sources: Readonly<Record<string, ConfigSource>>;
}
