/**
 * `covalent-awslambda local`: runs local AWS in the foreground until Ctrl+C, for Covalent
 * (or any AWS SDK or CLI) to use as its endpoint.
 *
 * @module
 */
import { DEFAULT_BUCKET, DEFAULT_ROLE } from "../config/config_keys.ts";
import { startLocalAws } from "../local/server.ts";
import type { LocalAwsOptions } from "../local/local_aws_options.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { describeNodeRuntimes } from "../local/execution/node_runtime_lines.ts";
import { localBanner } from "./local_banner.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { CliUsageError } from "./usage_error.ts";
import { refuseArguments } from "./command_steps.ts";
import { describeReadOnlyCode } from "../local/execution/read_only_code.ts";

// `local` creates the executor's default bucket and role so the defaults just work.
export { DEFAULT_BUCKET, DEFAULT_ROLE } from "../config/config_keys.ts";

/** The options of `local`. */
export const LOCAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "port",
    value: "<n>",
    integer: { min: 0, max: 65535 },
    description: "Port to listen on; 0 picks a free one (default: 4566)",
  },
  { name: "host", value: "<host>", description: "Address to listen on (default: 127.0.0.1)" },
  {
    name: "data-dir",
    value: "<dir>",
    description:
      "Keep buckets, functions and roles in <dir> across restarts (default: a temporary directory)",
  },
  { name: "region", value: "<region>", description: "Region to report and use in ARNs (default: us-east-1)" },
  {
    name: "concurrency",
    value: "<n>",
    integer: { min: 1, max: 10000 },
    description: "Account-wide concurrent executions; beyond it invocations are throttled (default: 10)",
  },
  {
    name: "pending-ms",
    value: "<n>",
    integer: { min: 0, max: 600000 },
    description: "How long a new function stays Pending before it is Active (default: 300)",
  },
  { name: "help", short: "h", description: "Show this help" },
];

/** What `local`'s arguments ask for: its help, or local AWS with these options. */
export type LocalArgs =
  | { readonly help: true }
  | {
    readonly help: false;
    readonly options: LocalAwsOptions & { port: number; host: string; region: string };
  };

/**
 * Parses `local`'s arguments (pure).
 *
 * @example
 * ```ts
 * parseLocalArgs(["--port", "0"]); // { help: false, options: { port: 0, host: "127.0.0.1", region: "us-east-1" } }
 * ```
 *
 * @param args The arguments after `local`.
 * @returns What to do.
 * @throws {CliUsageError} for unknown options, bad values or stray arguments.
 */
export function parseLocalArgs(args: readonly string[]): LocalArgs {
  const { values, positionals } = parseFlags("local", args, LOCAL_FLAGS);
  if (values.has("help")) return { help: true };
  refuseArguments("local", positionals);
  const text = (name: string) => values.get(name) as string | undefined;
  const integer = (name: string) => values.get(name) as number | undefined;
  const host = text("host") ?? "127.0.0.1";
  if (host === "") throw new CliUsageError("Invalid value for --host: it must not be empty.");
  const region = text("region") ?? "us-east-1";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region)) {
    throw new CliUsageError(
      `Invalid value for --region: "${region}" (expected a region name like us-east-1).`,
    );
  }
  const dataDir = text("data-dir");
  if (dataDir === "") throw new CliUsageError("Invalid value for --data-dir: it must not be empty.");
  const options: LocalAwsOptions & { port: number; host: string; region: string } = {
    port: integer("port") ?? 4566,
    host,
    region,
  };
  if (dataDir !== undefined) options.dataDir = dataDir;
  if (integer("concurrency") !== undefined) options.concurrency = integer("concurrency");
  if (integer("pending-ms") !== undefined) options.pendingMs = integer("pending-ms");
  return { help: false, options };
}

/** The help text of `local`. */
export const LOCAL_HELP: string = [
  `Usage: ${CLI_NAME} local [options]`,
  "",
  "Starts local AWS (S3, Lambda, IAM and STS on one HTTP endpoint, functions run as local",
  "processes) and serves it until Ctrl+C. It prints the endpoint, the credentials and the",
  "configuration Covalent needs to use it.",
  "",
  "Options:",
  flagsHelp(LOCAL_FLAGS),
].join("\n");

/** The `local` command. */
export const localCommand: CliCommand = {
  name: "local",
  summary: "Run local AWS (S3, Lambda, IAM, STS) until Ctrl+C",
  run: runLocal,
};

async function runLocal(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseLocalArgs(args);
  if (request.help) {
    io.out(LOCAL_HELP);
    return 0;
  }
  const { options } = request;
  let aws;
  try {
    aws = await startLocalAws(options);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "EADDRINUSE") throw error;
    io.err(
      `Cannot listen on ${options.host}:${options.port}: the port is in use. Try --port 0 or another port.`,
    );
    return 1;
  }
  try {
    await aws.ensureBucket(DEFAULT_BUCKET);
    aws.ensureRole(DEFAULT_ROLE);
    io.out(localBanner({
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      dataDir: aws.dataDir,
      keepsData: options.dataDir !== undefined,
      bucket: DEFAULT_BUCKET,
      roleName: DEFAULT_ROLE,
      nodeRuntimes: describeNodeRuntimes({ nodeBinaries: options.nodeBinaries }),
      codeDirs: describeReadOnlyCode(),
    }));
    const signal = await io.stopRequested();
    io.out(`\nReceived ${signal}; stopping local AWS...`);
  } finally {
    await aws.close();
  }
  const data = options.dataDir === undefined ? `removed ${aws.dataDir}` : `kept ${aws.dataDir}`;
  io.out(`Stopped: closed ${aws.endpoint}, ended every function process, ${data}.`);
  return 0;
}
