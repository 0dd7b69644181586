/**
 * The documents the executor and the Lambda runtime exchange. This file is bundled into the
 * function, so it imports nothing.
 *
 * @module
 */

/** Format tag of a staged task document. */
export const TASK_FORMAT = "covalent-awslambda/task@1";
/** Format tag of an outcome document. */
export const OUTCOME_FORMAT = "covalent-awslambda/outcome@1";
/** Format tag of an invocation event. */
export const EVENT_FORMAT = "covalent-awslambda/event@1";

/** A task as staged in S3: its code and its encoded arguments. */
export interface TaskDocument {
  /** Always `TASK_FORMAT`. */
  readonly format: typeof TASK_FORMAT;
  /** `function`: `code` is a function expression. `module`: `code` is an ES module. */
  readonly kind: "function" | "module";
  /** The code. */
  readonly code: string;
  /** Content hash of `code`, so a warm function loads each code once. */
  readonly codeHash: string;
  /** For modules: the export to call. */
  readonly exportName?: string;
  /** The arguments, encoded with the value codec (an array). */
  readonly args: string;
}

/** What the runtime writes back to S3. */
export interface OutcomeDocument {
  /** Always `OUTCOME_FORMAT`. */
  readonly format: typeof OUTCOME_FORMAT;
  /** Whether the task returned (true) or threw (false). */
  readonly ok: boolean;
  /** When ok: the encoded return value. When not: the encoded thrown value. */
  readonly value: string;
  /** The task's stdout (console.log/info/debug and process.stdout), capped. */
  readonly stdout: string;
  /** The task's stderr (console.error/warn and process.stderr), capped. */
  readonly stderr: string;
  /** How long the task itself ran, ms. */
  readonly durationMs: number;
}

/** The event the executor invokes the function with. */
export interface InvocationEvent {
  /** Always `EVENT_FORMAT`. */
  readonly format: typeof EVENT_FORMAT;
  /** Presigned GET of the task document. */
  readonly taskUrl: string;
  /** Presigned PUT for the outcome document. */
  readonly outcomeUrl: string;
}

/** What the function returns to a synchronous invoke (the outcome itself travels through S3). */
export interface InvocationSummary {
  /** Whether the task returned. */
  readonly ok: boolean;
  /** Size of the outcome document written, bytes. */
  readonly outcomeBytes: number;
}
