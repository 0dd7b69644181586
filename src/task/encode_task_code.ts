/**
 * Turning a task into the code the runtime loads: a function's source (after checking it
 * closes over nothing) or a module's bundle, with a content hash the runtime caches it by.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { bundleModule } from "./bundle_module.ts";
import { findFreeVariables, functionSourceOf } from "./free_variables.ts";
import { isModuleTask, type Task } from "./task.ts";

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

/** A task's code, ready to travel. */
export interface TaskCode {
  /** `function`: a function expression. `module`: an ES module bundle. */
  readonly kind: "function" | "module";
  /** The code. */
  readonly code: string;
  /** Hex SHA-256 of the code. */
  readonly hash: string;
  /** For modules: the export to call. */
  readonly exportName?: string;
}

/**
 * Encodes a task's code. Throws `TaskEncodingProblem` for a closure over outer variables, a
 * value that is not a task, or a module that does not bundle.
 */
export async function encodeTaskCode(task: Task, cacheDir: string): Promise<TaskCode> {
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
    return { kind: "module", code: bundle.code, hash: bundle.hash, exportName: task.exportName };
  }
  if (typeof task !== "function") {
    throw new TaskEncodingProblem("task", "A task must be a function or a moduleTask(...).", task);
  }
  const source = Function.prototype.toString.call(task);
  const known = checkedSources.get(source);
  if (known !== undefined) return known;
  const encoded = encodeFunction(task);
  // A fan-out runs one function many times: parse and check its source once.
  if (checkedSources.size >= CHECKED_SOURCES_LIMIT) {
    checkedSources.delete(checkedSources.keys().next().value!);
  }
  checkedSources.set(source, encoded);
  return encoded;
}

/** Function sources already checked, by their text (oldest dropped first past the limit). */
const checkedSources = new Map<string, TaskCode>();
const CHECKED_SOURCES_LIMIT = 256;

function encodeFunction(task: (...args: never[]) => unknown): TaskCode {
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
  return { kind: "function", code, hash: createHash("sha256").update(code).digest("hex") };
}
