/**
 * Turning a task and its arguments into the document staged in S3, refusing anything that
 * would not survive the trip before a byte is uploaded.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { TASK_FORMAT, type TaskDocument } from "../runtime/protocol.ts";
import { bundleModule } from "./bundle_module.ts";
import { findFreeVariables, functionSourceOf } from "./free_variables.ts";
import { isModuleTask, type Task } from "./task.ts";
import { encodeValue } from "./value_codec.ts";

/** Why a task cannot be encoded: where, and the underlying problem. */
export class TaskEncodingProblem extends Error {
  /** `task`, or the path of the offending argument value. */
  readonly path: string;
  /** The underlying error. */
  readonly reason: unknown;
  constructor(path: string, message: string, reason: unknown) {
    super(message);
    this.name = "TaskEncodingProblem";
    this.path = path;
    this.reason = reason;
  }
}

/**
 * Encodes a task: a function's source (after checking it closes over nothing) or a module's
 * bundle, plus the encoded arguments.
 */
export async function encodeTask(
  task: Task,
  args: readonly unknown[],
  cacheDir: string,
): Promise<TaskDocument> {
  if (!Array.isArray(args)) {
    throw new TaskEncodingProblem(
      "args",
      "The arguments must be an array (one element per parameter).",
      args,
    );
  }
  let encodedArgs: string;
  try {
    encodedArgs = encodeValue(args, "args");
  } catch (problem) {
    const path = (problem as { path?: string }).path ?? "args";
    throw new TaskEncodingProblem(
      path,
      `Cannot send ${path} to Lambda: ${(problem as Error).message}`,
      problem,
    );
  }
  if (isModuleTask(task)) {
    let bundle: { code: string; hash: string };
    try {
      bundle = await bundleModule(task.module, { cacheDir });
    } catch (problem) {
      throw new TaskEncodingProblem(
        "task",
        `Cannot bundle module task ${task.module}: ${(problem as Error).message}`,
        problem,
      );
    }
    return {
      format: TASK_FORMAT,
      kind: "module",
      code: bundle.code,
      codeHash: bundle.hash,
      exportName: task.exportName,
      args: encodedArgs,
    };
  }
  if (typeof task !== "function") {
    throw new TaskEncodingProblem("task", "A task must be a function or a moduleTask(...).", task);
  }
  let code: string;
  let free: string[];
  try {
    code = functionSourceOf(task);
    free = findFreeVariables(code);
  } catch (problem) {
    throw new TaskEncodingProblem(
      "task",
      `Cannot ship the task's source: ${(problem as Error).message}`,
      problem,
    );
  }
  if (free.length > 0) {
    const names = free.map((n) => `\`${n}\``).join(", ");
    throw new TaskEncodingProblem(
      "task",
      `The task uses ${names} from outside its own body, which does not travel to Lambda (only the ` +
        `function's source does). Pass ${free.length === 1 ? "it" : "them"} as arguments, import inside ` +
        `the function with \`await import(...)\`, or use moduleTask(...) for code with imports.`,
      free,
    );
  }
  const codeHash = createHash("sha256").update(code).digest("hex");
  return { format: TASK_FORMAT, kind: "function", code, codeHash, args: encodedArgs };
}
