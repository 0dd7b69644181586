/**
 * `covalent-awslambda run`: runs one exported function of a module on Lambda with JSON
 * arguments and prints its result as JSON — for callers outside TypeScript.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { AWSLambdaExecutor } from "../pipeline/aws_lambda_executor.ts";
import { deployProgressPrinter } from "../pipeline/deploy_progress_printer.ts";
import { TaskFailed } from "../pipeline/errors/outcome_errors.ts";
import { moduleTask } from "../task/task.ts";
import { CLI_NAME, type CliCommand } from "./cli_command.ts";
import type { CliIo } from "./cli_io.ts";
import { EXECUTOR_FLAGS, executorOptionsFrom } from "./executor_flags.ts";
import { toJsonText } from "./json_value.ts";
import { flagsHelp, type FlagSpec, parseFlags } from "./parse_flags.ts";
import { CliUsageError } from "./usage_error.ts";
import type { ExecutorOptions } from "../config/executor_options.ts";
import { refuseArguments } from "./command_steps.ts";

/** The options of `run`. */
export const RUN_FLAGS: readonly FlagSpec[] = [
  { name: "args", value: "<json>", description: "The arguments, a JSON array (default: [])" },
  { name: "json", description: 'Print {"ok":true,"value":…} or {"ok":false,"error":{…}} on stdout' },
  { name: "timeout", value: "<s>", integer: { min: 1, max: 900 }, description: "Function timeout, seconds" },
  { name: "memory", value: "<MB>", integer: { min: 128, max: 10240 }, description: "Function memory, MB" },
  ...EXECUTOR_FLAGS,
  { name: "help", short: "h", description: "Show this help" },
];

/** What `run`'s arguments ask for. */
export type RunArgs =
  | { readonly help: true }
  | {
    readonly help: false;
    /** The module, as a URL. */
    readonly module: URL;
    /** The export to call. */
    readonly exportName: string;
    /** The arguments. */
    readonly args: readonly unknown[];
    /** Whether to print the JSON envelope. */
    readonly json: boolean;
    /** Executor options. */
    readonly options: ExecutorOptions;
  };

/**
 * Parses `run`'s arguments (pure, given the working directory).
 *
 * @example
 * ```ts
 * parseRunArgs(["tasks.mjs", "double", "--args", "[21]"], "/work"); // module file:///work/tasks.mjs, export double, args [21]
 * ```
 *
 * @param argv The arguments after `run`.
 * @param cwd The directory a relative module path is resolved against.
 * @returns What to do.
 * @throws {CliUsageError} for a missing module, bad JSON, or unknown options.
 */
export function parseRunArgs(argv: readonly string[], cwd: string): RunArgs {
  const { values, positionals } = parseFlags("run", argv, RUN_FLAGS);
  if (values.has("help")) return { help: true };
  const [modulePath, exportName = "default", ...extra] = positionals;
  if (modulePath === undefined) {
    throw new CliUsageError("Name the module to run, e.g. `run ./tasks.mjs double`.");
  }
  refuseArguments("run", extra);
  const argsText = (values.get("args") as string | undefined) ?? "[]";
  let args: unknown;
  try {
    args = JSON.parse(argsText);
  } catch (error) {
    throw new CliUsageError(`--args is not JSON (${(error as Error).message}): ${argsText}`);
  }
  if (!Array.isArray(args)) {
    throw new CliUsageError(`--args must be a JSON array, one element per parameter: ${argsText}`);
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(modulePath)
    ? new URL(modulePath)
    : pathToFileURL(isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath));
  return {
    help: false,
    module: url,
    exportName,
    args,
    json: values.has("json"),
    options: {
      ...executorOptionsFrom(values),
      timeout: values.get("timeout") as number | undefined,
      memorySize: values.get("memory") as number | undefined,
    },
  };
}

/** The help text of `run`. */
export const RUN_HELP: string = [
  `Usage: ${CLI_NAME} run <module path or URL> [export] [options]`,
  "",
  "Runs one exported function of a module on AWS Lambda (the module is bundled with what it",
  "imports) and prints its result as JSON: Dates as ISO strings, BigInts as strings, Maps as",
  "objects, Sets as arrays, bytes as base64. Exit codes: 0 the task returned, 1 it failed (or",
  "the executor did), 2 the command line is wrong. Settings come from Covalent's config file",
  "and the environment, as for the executor.",
  "",
  "Example:",
  `  ${CLI_NAME} run ./tasks.mjs double --args '[21]'`,
  "",
  "Options:",
  flagsHelp(RUN_FLAGS),
].join("\n");

/** The `run` command. */
export const runCommand: CliCommand = {
  name: "run",
  summary: "Run one exported function of a module on Lambda and print its result as JSON",
  run: runModule,
};

async function runModule(argv: readonly string[], io: CliIo): Promise<number> {
  const request = parseRunArgs(argv, process.cwd());
  if (request.help) {
    io.out(RUN_HELP);
    return 0;
  }
  const executor = new AWSLambdaExecutor({
    ...request.options,
    logLevel: "Error",
    onDeployProgress: deployProgressPrinter({ stream: progressStream(io) }),
  });
  // Ctrl-C (or SIGTERM) closes the executor: the run rejects and what it wrote is removed.
  let stopped: string | undefined;
  void io.stopRequested().then((signal) => {
    stopped = signal;
    io.err(`${signal}: stopping …`);
    return executor.close();
  });
  try {
    const task = moduleTask(request.module, request.exportName);
    // deno-lint-ignore no-explicit-any
    const value = await executor.run(task as any, request.args as any[]);
    const { total } = await executor.stats();
    const cost = { billedMs: total.billedMs, gbSeconds: total.gbSeconds, dollars: total.dollars };
    if (request.json) io.out(toJsonText({ ok: true, value, cost }));
    else {
      io.out(toJsonText(value, 2));
      io.err(
        `billed ${cost.billedMs} ms (${cost.gbSeconds.toFixed(6)} GB-s), $${
          cost.dollars.toFixed(8)
        } at list prices`,
      );
    }
    return 0;
  } catch (error) {
    if (stopped !== undefined) return stopped === "SIGINT" ? 130 : 143;
    const failure = error as Error & Partial<TaskFailed>;
    if (request.json) {
      io.out(toJsonText({
        ok: false,
        error: {
          type: failure.name,
          message: failure.message,
          ...(error instanceof TaskFailed
            ? {
              remoteName: failure.remoteName,
              remoteMessage: failure.remoteMessage,
              remoteStack: failure.remoteStack,
            }
            : {}),
        },
      }));
    } else {
      io.err(`${failure.name}: ${failure.message}`);
      if (error instanceof TaskFailed && failure.remoteStack) io.err(failure.remoteStack);
    }
    return 1;
  } finally {
    await executor.close();
  }
}

/** Standard error as a stream for progress: a live line on a terminal, whole lines elsewhere. */
function progressStream(io: CliIo): { write(text: string): void; readonly isTTY: boolean } {
  if (io.errIsTerminal) return { write: (text) => void process.stderr.write(text), isTTY: true };
  return { write: (text) => io.err(text.replace(/\n$/, "")), isTTY: false };
}
