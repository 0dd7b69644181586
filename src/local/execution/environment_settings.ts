/**
 * What an execution environment is started with: the settings every environment of an
 * executor shares, and what is each one's own (its launcher, `/tmp`, credentials, and the
 * failed init it retries, if any).
 *
 * @module
 */
import type { LocalAccount } from "../account.ts";
import type { FunctionCredentials } from "./function_environment.ts";
import type { ReadOnlyCode } from "./read_only_code.ts";
import type { RuntimeLauncher } from "./runtime_launcher.ts";

/** What every environment of an executor shares. */
export interface EnvironmentSettings {
  /** The account (region, keys, endpoint). */
  readonly account: LocalAccount;
  /** The bootstrap module. */
  readonly bootstrapFile: string;
  /** The directory holding it (`LAMBDA_RUNTIME_DIR`). */
  readonly runtimeDir: string;
  /** How long a runtime may take to ask for an event. */
  readonly startTimeoutMs: number;
  /** How this host keeps code directories read-only (probed once, see `read_only_code.ts`). */
  readonly readOnly: ReadOnlyCode;
}

/** What is this environment's own. */
export interface EnvironmentSandbox {
  /** The program that runs the bootstrap. */
  readonly launcher: RuntimeLauncher;
  /** Variables the launching program needs. */
  readonly launcherVariables?: Readonly<Record<string, string>>;
  /** Its `/tmp` (owned by the executor, which keeps it across a reset). */
  readonly tmpDir: string;
  /** Written before the first lines of its first invocation's log (e.g. the wrong Node major). */
  readonly notice?: string;
  /** The execution role's temporary credentials, when there is a role to assume. */
  readonly credentials?: FunctionCredentials;
  /** Set when this environment retries, inside an invocation, an init that failed. */
  readonly initRetry?: InitRetry;
}

/** What a retried init carries over from the failed one. */
export interface InitRetry {
  /** The failed init's log: its output and its `INIT_REPORT` line. */
  readonly log: string;
}

/** A cold environment's init failed in the init phase; the invocation has not run. */
export interface InitFailed {
  /** Tells it apart from a result. */
  readonly initFailed: true;
  /** The init's output and its `INIT_REPORT` line, for the retry's log. */
  readonly log: string;
}
