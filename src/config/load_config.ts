/**
 * `loadConfig`: defaults ◄ Covalent's config file ◄ environment ◄ explicit options, validated.
 *
 * @module
 */
import { Effect } from "effect";
import { homedir } from "node:os";
import { ConfigError } from "./config_error.ts";
import { CONFIG_SECTION, defaultConfigPath, readConfigFile } from "./config_file.ts";
import { CONFIG_KEYS, type KeySpec } from "./config_keys.ts";
import type { ConfigSource } from "./config_source.ts";
import { awsProfileRegion } from "./aws_profile_region.ts";
import { checkValue, type ConfigValue } from "./check_value.ts";
import type { ExecutorConfig } from "./executor_config.ts";
import type { ExecutorOptions } from "./executor_options.ts";

/**
 * What `loadConfig` reads besides the options: the environment and the home directory.
 *
 * @example Load with a chosen environment
 * ```ts
 * import { Effect } from "effect";
 * import { loadConfig } from "@covalent/awslambda";
 * const config = await Effect.runPromise(loadConfig({}, { env: { AWS_REGION: "eu-west-1" }, home: "/home/me" }));
 * ```
 */
export interface ConfigEnvironment {
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's home directory (for `~` and the default paths). */
  readonly home: string;
}

/** The process's own environment. */
export function processEnvironment(): ConfigEnvironment {
  return { env: process.env, home: homedir() };
}

const OPTION_NAMES = new Set([...CONFIG_KEYS.map((k) => k.option), "configFile"]);

/**
 * Resolves the executor's configuration. Later sources win: defaults, then the
 * `[executors.awslambda]` section of Covalent's config file, then environment variables
 * (`AWS_PROFILE`, `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_SHARED_CREDENTIALS_FILE`), then
 * `options` (an option set to `undefined` counts as not given). A region set nowhere comes
 * from the profile's `region` in the AWS config file (`AWS_CONFIG_FILE` or `~/.aws/config`)
 * before the default. Unknown keys are logged as
 * warnings; bad values fail with a `ConfigError` that names the key, the value, what is allowed
 * and where the value came from.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { loadConfig } from "@covalent/awslambda";
 * const config = await Effect.runPromise(loadConfig({ timeout: 30 }));
 * console.log(config.timeout, config.sources.timeout); // 30 { kind: "option", name: "timeout" }
 * ```
 */
export const loadConfig: (
  options?: ExecutorOptions,
  environment?: ConfigEnvironment,
) => Effect.Effect<ExecutorConfig, ConfigError> = Effect.fn("loadConfig")(function* (
  options: ExecutorOptions = {},
  environment: ConfigEnvironment = processEnvironment(),
) {
  const { env, home } = environment;
  const given = Object.fromEntries(
    Object.entries(options as Record<string, unknown>).filter(([, value]) => value !== undefined),
  );
  for (const name of Object.keys(given)) {
    if (!OPTION_NAMES.has(name)) {
      yield* Effect.logWarning(
        `Unknown executor option "${name}" is ignored. Known options: ${[...OPTION_NAMES].join(", ")}.`,
      );
    }
  }
  const explicitFile = typeof given.configFile === "string" ? given.configFile : undefined;
  const file = yield* Effect.promise(() =>
    readConfigFile(explicitFile ?? defaultConfigPath(env, home), explicitFile !== undefined)
  );
  if (file instanceof ConfigError) return yield* file;
  yield* warnUnknownFileKeys(file.path, file.values, file.lines);

  const values: Record<string, ConfigValue | undefined> = {};
  const sources: Record<string, ConfigSource> = {};
  for (const spec of CONFIG_KEYS) {
    const candidate = pick(spec, given, env, file);
    if (candidate === undefined) {
      values[spec.option] = spec.fallback(home);
      sources[spec.option] = { kind: "default" };
      continue;
    }
    const checked = checkValue(spec, candidate.name, candidate.raw, candidate.source, home);
    if (checked instanceof ConfigError) return yield* checked;
    values[spec.option] = checked;
    sources[spec.option] = candidate.source;
  }
  if (sources.region.kind === "default") {
    // As the AWS CLI does: the profile's own region comes before the built-in default.
    const found = yield* Effect.promise(() =>
      awsProfileRegion(values.profile as string | undefined, env, home)
    );
    if (found !== undefined) {
      const source: ConfigSource = { kind: "file", path: found.path, line: found.line };
      const spec = CONFIG_KEYS.find((key) => key.option === "region")!;
      const checked = checkValue(spec, "region", found.region, source, home);
      if (checked instanceof ConfigError) return yield* checked;
      values.region = checked;
      sources.region = source;
    }
  }
  return {
    ...(values as Omit<ExecutorConfig, "sources" | "configFile">),
    configFile: Object.keys(file.values).length > 0 ? file.path : undefined,
    sources,
  } as ExecutorConfig;
});

interface Candidate {
  readonly name: string;
  readonly raw: unknown;
  readonly source: ConfigSource;
}

function pick(
  spec: KeySpec,
  options: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  file: { path: string; values: Readonly<Record<string, unknown>>; lines: Readonly<Record<string, number>> },
): Candidate | undefined {
  if (options[spec.option] !== undefined) {
    return { name: spec.option, raw: options[spec.option], source: { kind: "option", name: spec.option } };
  }
  for (const name of spec.env) {
    const value = env[name];
    if (value !== undefined && value !== "") return { name, raw: value, source: { kind: "env", name } };
  }
  for (const name of [spec.toml, ...spec.aliases]) {
    if (file.values[name] !== undefined) {
      return {
        name,
        raw: file.values[name],
        source: { kind: "file", path: file.path, line: file.lines[name] },
      };
    }
  }
  return undefined;
}

const FILE_KEYS = new Set(CONFIG_KEYS.flatMap((k) => [k.toml, ...k.aliases]));

function warnUnknownFileKeys(
  path: string,
  values: Readonly<Record<string, unknown>>,
  lines: Readonly<Record<string, number>>,
): Effect.Effect<void> {
  const unknown = Object.keys(values).filter((key) => !FILE_KEYS.has(key));
  return Effect.forEach(unknown, (key) =>
    Effect.logWarning(
      `Unknown key "${key}" in [${CONFIG_SECTION}] of ${path}${
        lines[key] ? ` line ${lines[key]}` : ""
      } is ignored. ` +
        `Known keys: ${CONFIG_KEYS.map((k) => k.toml).join(", ")}.`,
    ), { discard: true });
}
