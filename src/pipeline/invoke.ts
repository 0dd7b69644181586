/**
 * `invoke`: one synchronous Invoke per attempt, carrying the task inline (or pointers to what
 * was spilled), answered by the runtime's `AnswerDocument` inline. The SDK never re-sends it,
 * and it is never aborted: a run that is abandoned lets its invocation finish.
 *
 * @module
 */
import { Effect } from "effect";
import { Buffer } from "node:buffer";
import type { AwsError } from "../aws/aws_error.ts";
import { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import type { CredentialsError } from "../config/config_error.ts";
import {
  ANSWER_FORMAT,
  type AnswerDocument,
  EVENT_FORMAT,
  type InvocationEvent,
} from "../runtime/protocol.ts";
import type { EncodedTask } from "./encode.ts";
import { InvokeError, Throttled } from "./errors/invoke_errors.ts";
import { ResultDecodeError, TaskFailed, TaskTimedOut } from "./errors/outcome_errors.ts";

/**
 * How an invocation ended, as Lambda reported it.
 *
 * @example Tell a task failure from a refused call
 * ```ts
 * import type { InvocationFailure } from "@covalent/awslambda";
 * const isTaskProblem = (e: InvocationFailure) => e._tag === "TaskFailed" || e._tag === "TaskTimedOut";
 * ```
 */
export type InvocationFailure = TaskFailed | TaskTimedOut | InvokeError | Throttled | ResultDecodeError;

/**
 * What came back from an invocation: the runtime's answer, or nothing because the connection
 * broke (the task may still be running, and a long one leaves its outcome in S3).
 *
 * @example
 * ```ts
 * import type { InvocationReply } from "@covalent/awslambda";
 * const inline = (reply: InvocationReply) => reply._tag === "Answered" && reply.answer.value !== undefined;
 * ```
 */
export type InvocationReply =
  | { readonly _tag: "Answered"; readonly answer: AnswerDocument; readonly logTail: string }
  | { readonly _tag: "Dropped"; readonly afterMs: number; readonly reason: AwsError };

/** How long presigned URLs live beyond the function's timeout, seconds. */
export const URL_SLACK_SECONDS = 60;

/** A task that ran this long also leaves its outcome in S3, so a dropped connection loses nothing. */
export const DURABLE_AFTER_MS = 5_000;

/**
 * The settings of an invocation.
 *
 * @example
 * ```ts
 * import type { InvokeSettings } from "@covalent/awslambda";
 * const settings: InvokeSettings = { bucket: "b", timeoutSeconds: 60, inlineLimit: 6_000_000 };
 * ```
 */
export interface InvokeSettings {
  /** Staging bucket. */
  readonly bucket: string;
  /** The function's timeout, seconds. */
  readonly timeoutSeconds: number;
  /** Largest answer returned inline, bytes. */
  readonly inlineLimit: number;
}

/**
 * The event for an encoded task: its inline parts, and presigned URLs (one object, one
 * method each) for what lives in S3. Presigning is local work; it fails only when the
 * credentials cannot outlive the URLs.
 *
 * @example
 * ```ts
 * import { buildEvent, type EncodedTask } from "@covalent/awslambda";
 * declare const encoded: EncodedTask;
 * const event = buildEvent(encoded, { bucket: "b", timeoutSeconds: 60, inlineLimit: 6_000_000 });
 * ```
 */
export const buildEvent: (
  encoded: EncodedTask,
  settings: InvokeSettings,
) => Effect.Effect<InvocationEvent, CredentialsError, S3Api> = Effect.fnUntraced(function* (
  encoded: EncodedTask,
  settings: InvokeSettings,
) {
  const s3 = yield* S3Api;
  const expires = settings.timeoutSeconds + URL_SLACK_SECONDS;
  const presign = (method: "GET" | "PUT", key: string) =>
    s3.presign(method, settings.bucket, key, expires).pipe(Effect.catchTag("AwsError", (e) => Effect.die(e)));
  const { key: codeKey, ...code } = encoded.code;
  return {
    format: EVENT_FORMAT,
    runId: encoded.ids.runId,
    code: codeKey === undefined ? code : { ...code, url: yield* presign("GET", codeKey) },
    args: "inline" in encoded.args
      ? encoded.args
      : { url: yield* presign("GET", encoded.args.key), bytes: encoded.args.bytes },
    outcome: {
      inlineLimit: settings.inlineLimit,
      url: yield* presign("PUT", encoded.outcomeKey),
      durableAfterMs: DURABLE_AFTER_MS,
    },
  };
});

/**
 * Invokes the function once with the event. A refused call fails with a typed error that says
 * the task did not run; a broken connection is a `Dropped` reply; the function's own failure
 * (the task threw inside the runtime's reach, a timeout, a crash) fails with `TaskFailed` or
 * `TaskTimedOut`.
 *
 * @example
 * ```ts
 * import { invoke } from "@covalent/awslambda";
 * import type { InvocationEvent } from "@covalent/awslambda";
 * declare const event: InvocationEvent;
 * const reply = invoke("covalent-awslambda-0123", event, 60);
 * ```
 */
export const invoke: (
  functionName: string,
  event: InvocationEvent,
  timeoutSeconds: number,
) => Effect.Effect<InvocationReply, InvocationFailure, LambdaApi> = Effect.fnUntraced(function* (
  functionName: string,
  event: InvocationEvent,
  timeoutSeconds: number,
) {
  const lambda = yield* LambdaApi;
  const started = performance.now();
  const payload = Buffer.from(JSON.stringify(event));
  const response = yield* lambda.invoke(functionName, payload, timeoutSeconds).pipe(
    Effect.map((answer) => ({ answer })),
    Effect.catch((error) => {
      const failure = requestFailure(error, functionName);
      return failure === undefined
        ? Effect.succeed({ dropped: error })
        : Effect.fail<InvocationFailure>(failure);
    }),
  );
  if ("dropped" in response) {
    return { _tag: "Dropped", afterMs: performance.now() - started, reason: response.dropped } as const;
  }
  const { answer } = response;
  if (answer.functionError !== undefined) {
    return yield* Effect.fail(functionFailure(answer.payload, answer.logTail, timeoutSeconds));
  }
  const document = parseAnswer(answer.payload);
  if (document === undefined) {
    return yield* new ResultDecodeError({
      taskId: event.runId,
      location: `the answer of ${functionName}`,
      reason: "it is not a covalent-awslambda answer (is the function ours?)",
    });
  }
  return { _tag: "Answered", answer: document, logTail: answer.logTail } as const;
});

function parseAnswer(payload: Uint8Array): AnswerDocument | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(payload).toString("utf8")) as AnswerDocument;
    return parsed?.format === ANSWER_FORMAT ? parsed : undefined;
  } catch {
    return undefined;
  }
}

interface LambdaErrorPayload {
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
}

function functionFailure(
  payload: Uint8Array,
  logTail: string,
  timeoutSeconds: number,
): TaskFailed | TaskTimedOut {
  const text = Buffer.from(payload).toString("utf8");
  let parsed: LambdaErrorPayload;
  try {
    parsed = JSON.parse(text) as LambdaErrorPayload;
  } catch {
    parsed = { errorMessage: text };
  }
  const type = parsed.errorType ?? "Unhandled";
  const message = parsed.errorMessage ?? "the function failed without a message";
  if (type === "Sandbox.Timedout" || /Task timed out after/.test(message)) {
    return new TaskTimedOut({
      timeoutSeconds,
      logTail,
      message: `The task did not finish within the function's timeout of ${timeoutSeconds} s (${message}). ` +
        `Raise \`timeout\` (at most 900) or split the task.`,
    });
  }
  const hint = type === "Runtime.OutOfMemory"
    ? " The function ran out of memory: raise `memorySize`."
    : type.startsWith("Runtime.")
    ? " The function's process failed outside the task; the log tail has details."
    : "";
  return new TaskFailed({
    remoteName: type,
    remoteMessage: message,
    remoteStack: parsed.trace?.join("\n"),
    stdout: "",
    stderr: "",
    logTail,
    message: `The function failed: ${type}: ${message}.${hint}`,
  });
}

/**
 * What a refused or failed Invoke request means for the task: throttling and refusals mean it
 * did not run; a broken connection is no answer (`undefined`), for the caller to resolve.
 */
function requestFailure(error: AwsError, functionName: string): InvocationFailure | undefined {
  switch (error.reason._tag) {
    case "Throttled":
      return new Throttled({ functionName, attempts: 1, reason: error });
    case "Transport":
      return error.reason.kind === "refused" || error.reason.kind === "unresolved"
        ? new InvokeError({ functionName, reason: error, mayHaveRun: false })
        : undefined;
    case "ServiceFailure":
    case "Unknown":
      return new InvokeError({ functionName, reason: error, mayHaveRun: true });
    default:
      return new InvokeError({ functionName, reason: error, mayHaveRun: false });
  }
}
