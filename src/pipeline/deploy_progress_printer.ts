/**
 * A ready-made `onDeployProgress`: a spinner line with the function's state on a terminal,
 * one plain line per change elsewhere. Prints nothing for a function that is already Active.
 *
 * @module
 */
import process from "node:process";
import type { DeployProgress } from "./deploy_progress.ts";
import type { ProgressPrinterOptions } from "./progress_printer.ts";

const SPINNER = ["|", "/", "-", "\\"];

/**
 * Makes an `onDeployProgress` callback that shows what the deployment is waiting for.
 *
 * @example Show the first deployment of a program
 * ```ts
 * import { AWSLambdaExecutor, deployProgressPrinter } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local", onDeployProgress: deployProgressPrinter() });
 * await executor.run((n: number) => n + 1, [1]);
 * ```
 */
export function deployProgressPrinter(
  options: Pick<ProgressPrinterOptions, "stream" | "label"> = {},
): (progress: DeployProgress) => void {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const prefix = options.label ? `${options.label}: ` : "";
  let turns = 0;
  let lastLine = "";
  return (p) => {
    const line = `${prefix}${describe(p)}`;
    if (tty) {
      const spin = p.phase === "ready" ? "✓" : SPINNER[turns++ % SPINNER.length];
      stream.write(
        `\r${spin} ${line} (${(p.elapsedMs / 1000).toFixed(1)} s)\x1b[K${p.phase === "ready" ? "\n" : ""}`,
      );
    } else if (line !== lastLine) {
      // A terminal shows every poll; a log gets a line only when something changed.
      stream.write(`${line} (${(p.elapsedMs / 1000).toFixed(1)} s)\n`);
    }
    lastLine = line;
  };
}

function describe(p: DeployProgress): string {
  switch (p.phase) {
    case "creating":
      return `creating Lambda function ${p.functionName}`;
    case "waiting":
      return `waiting for ${p.functionName} to become Active: ${p.state ?? "not found yet"}${
        p.reason ? ` (${p.reason})` : ""
      }`;
    case "ready":
      return `${p.functionName} is Active`;
  }
}
