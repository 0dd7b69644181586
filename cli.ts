/**
 * The `covalent-awslambda` command line.
 *
 * Run `covalent-awslambda local` to serve local AWS (S3, Lambda, IAM, STS) for Covalent:
 * `deno run -A cli.ts local` from a checkout, or `node npm/esm/cli.js local` from the npm
 * build. Importing this module runs nothing; running it as a script runs the command line.
 *
 * @example Run the command line from code
 * ```ts
 * import { processIo, runCli } from "@covalent/awslambda/cli";
 * import process from "node:process";
 *
 * process.exit(await runCli(["local", "--port", "0"], processIo((code) => process.exit(code))));
 * ```
 *
 * @module
 */
import process from "node:process";
import { processIo } from "./src/cli/cli_io.ts";
import { isMainModule } from "./src/cli/is_main_module.ts";
import { runCli } from "./src/cli/run_cli.ts";

export { cliHelp, runCli } from "./src/cli/run_cli.ts";
export { type CliIo, processIo } from "./src/cli/cli_io.ts";
export type { CliCommand } from "./src/cli/cli_command.ts";
export { CliUsageError } from "./src/cli/usage_error.ts";

if (isMainModule(import.meta)) {
  const exit = (code: number) => process.exit(code);
  runCli(process.argv.slice(2), processIo(exit)).then(exit, (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    exit(1);
  });
}
