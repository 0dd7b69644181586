/**
 * What a task is: a self-contained function, or a function exported by a module.
 *
 * @module
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A self-contained function run as a task (shipped as its source text).
 *
 * @example A self-contained function
 * ```ts
 * import type { TaskFunction } from "@covalent/awslambda";
 * const square: TaskFunction<[number], number> = (n) => n * n;
 * ```
 */
// deno-lint-ignore no-explicit-any
export type TaskFunction<Args extends readonly any[] = any[], Result = unknown> = (
  ...args: Args
) => Result | Promise<Result>;

/**
 * A task that lives in a module: the module is bundled with its imports and shipped whole.
 *
 * @example Make one with moduleTask()
 * ```ts
 * import { type ModuleTask, moduleTask } from "@covalent/awslambda";
 * const fib: ModuleTask<[number], number> = moduleTask<(n: number) => number>("./tasks.ts", "fib");
 * ```
 */
// deno-lint-ignore no-explicit-any
export interface ModuleTask<Args extends readonly any[] = any[], Result = unknown> {
  /** Discriminant. */
  readonly _tag: "ModuleTask";
  /** The module's URL (`file:` for local files). */
  readonly module: string;
  /** The export to call. */
  readonly exportName: string;
  /** Carries the function's type; never set at run time. */
  readonly signature?: (...args: Args) => Result;
}

/**
 * Either kind of task.
 *
 * @example Accept either kind
 * ```ts
 * import type { Task } from "@covalent/awslambda";
 * const inline: Task<[number], number> = (n) => n + 1;
 * ```
 */
// deno-lint-ignore no-explicit-any
export type Task<Args extends readonly any[] = any[], Result = unknown> =
  | TaskFunction<Args, Result>
  | ModuleTask<Args, Result>;

/**
 * The awaited result type of a task.
 *
 * @example The value a task resolves to
 * ```ts
 * import type { TaskResult } from "@covalent/awslambda";
 * type Out = TaskResult<(n: number) => Promise<string>>; // string
 * ```
 */
// deno-lint-ignore no-explicit-any
export type TaskResult<T> = T extends Task<any[], infer R> ? Awaited<R> : never;

/**
 * Names a function exported by a module as a task. The module and everything it imports
 * (relative files and npm packages) is bundled into one file, cached by content hash.
 * Give the function's type to get typed arguments and result.
 *
 * @param module The module: a URL (`new URL("./tasks.ts", import.meta.url)`), a `file:` URL
 *   string, or a file path (relative paths resolve against the current directory).
 * @param exportName The export to call.
 * @returns A task for `runOnLambda` or `AWSLambdaExecutor.run`.
 *
 * @example A typed module task
 * ```ts
 * import { moduleTask, runOnLambda } from "@covalent/awslambda";
 * // tasks.ts: export function wordCount(text: string): number { … }
 * declare function wordCount(text: string): number;
 * const task = moduleTask<typeof wordCount>(new URL("./tasks.ts", import.meta.url), "wordCount");
 * const n = await runOnLambda(task, ["a b c"], { endpoint: "local" });
 * ```
 */
// deno-lint-ignore no-explicit-any
export function moduleTask<F extends (...args: any[]) => unknown = (...args: any[]) => unknown>(
  module: string | URL,
  exportName: string = "default",
): ModuleTask<Parameters<F>, Awaited<ReturnType<F>>> {
  return { _tag: "ModuleTask", module: moduleUrl(module), exportName };
}

/**
 * Whether a task is a module task.
 *
 * @example Tell the kinds apart
 * ```ts
 * import { isModuleTask, moduleTask } from "@covalent/awslambda";
 * isModuleTask(moduleTask("./tasks.ts", "fib")); // true
 * isModuleTask((n: number) => n); // false
 * ```
 */
export function isModuleTask(task: unknown): task is ModuleTask {
  return typeof task === "object" && task !== null && (task as ModuleTask)._tag === "ModuleTask";
}

function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) return new URL(module).href;
  return pathToFileURL(resolve(module)).href;
}
