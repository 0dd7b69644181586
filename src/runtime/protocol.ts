/**
 * What the executor and the Lambda runtime exchange (version 2). The task travels inline in
 * the Invoke payload and its outcome comes back in the Invoke response while they fit; only
 * what is too large (or, for a long task, a durable copy of the outcome) goes through S3, by
 * presigned URLs scoped to one object and one method. This file is bundled into the function,
 * so it imports nothing.
 *
 * @module
 */

/** Format tag of an invocation event. */
export const EVENT_FORMAT = "covalent-awslambda/event@2" as const;
/** Format tag of the runtime's answer (the Invoke response payload). */
export const ANSWER_FORMAT = "covalent-awslambda/answer@2" as const;

/**
 * Where a value is: inline, as the value codec's JSON text (`encodeValue`), or in S3, as the
 * binary parts container (`encodeValueParts`), reached by a presigned GET.
 */
export type ValueSource =
  | { readonly inline: string }
  | { readonly url: string; readonly bytes: number };

/** The task's code. */
export interface CodeSource {
  /** `function`: a function expression. `module`: an ES module. */
  readonly kind: "function" | "module";
  /** Content hash of the code; a warm environment loads each hash once and keeps it. */
  readonly hash: string;
  /** For modules: the export to call (default `default`). */
  readonly exportName?: string;
  /** The code itself (function tasks). */
  readonly source?: string;
  /** A presigned GET of the code (module bundles, stored once per hash); fetched only when not cached. */
  readonly url?: string;
}

/** How the runtime hands the outcome back. */
export interface OutcomeRoute {
  /** Largest answer document (its JSON, in UTF-8 bytes) returned inline. */
  readonly inlineLimit: number;
  /** Presigned PUT for the outcome (binary parts container of an `OutcomeRecord`). */
  readonly url: string;
  /** A task that ran at least this long also writes its outcome to `url` before answering (ms). */
  readonly durableAfterMs: number;
}

/** The event the executor invokes the function with. */
export interface InvocationEvent {
  /** Always `EVENT_FORMAT`. */
  readonly format: "covalent-awslambda/event@2";
  /** The run, for the function's log. */
  readonly runId: string;
  /** The code. */
  readonly code: CodeSource;
  /** The arguments (an array). */
  readonly args: ValueSource;
  /** Where the outcome goes when it does not travel back inline. */
  readonly outcome: OutcomeRoute;
}

/** The outcome as stored in S3: one value in the binary parts container. */
export interface OutcomeRecord {
  /** Whether the task returned (true) or threw (false). */
  readonly ok: boolean;
  /** The returned or thrown value. */
  readonly value: unknown;
  /** The task's stdout, capped. */
  readonly stdout: string;
  /** The task's stderr, capped. */
  readonly stderr: string;
  /** How long the task itself ran, ms. */
  readonly durationMs: number;
}

/** The function's answer to a synchronous Invoke. */
export interface AnswerDocument {
  /** Always `ANSWER_FORMAT`. */
  readonly format: "covalent-awslambda/answer@2";
  /** Whether the task returned (true) or threw (false). */
  readonly ok: boolean;
  /** The encoded value (value codec JSON text), when it travels inline. */
  readonly value?: string;
  /** When the value did not fit inline: the size of the outcome object written to the URL. */
  readonly spilledBytes?: number;
  /** Whether the outcome was (also) written to the outcome URL. */
  readonly written: boolean;
  /** The task's stdout, capped. */
  readonly stdout: string;
  /** The task's stderr, capped. */
  readonly stderr: string;
  /** How long the task itself ran, ms. */
  readonly durationMs: number;
}
