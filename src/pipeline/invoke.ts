/**
 * `invoke`: starts the function for one task, synchronously, in a background fiber whose
 * answer `poll` races against the outcome appearing in S3.
 *
 * @module
 */
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { Buffer } from "node:buffer";
import { Deferred, Effect, type Exit, type Scope } from "effect";
import { AwsClients } from "../aws/aws_clients.ts";
import { EVENT_FORMAT, type InvocationEvent } from "../runtime/protocol.ts";
import type { Deployment } from "./deploy.ts";
import { InvokeError, Throttled } from "./errors/invoke_errors.ts";
import { TaskFailed, TaskTimedOut } from "./errors/outcome_errors.ts";
import type { StagedTask } from "./staged_task.ts";

/**
 * How an invocation ended, as Lambda reported it.
 *
 * @example Tell a task failure from a refused call
 * ```ts
 * import type { InvocationFailure } from "@covalent/awslambda";
 * const isTaskProblem = (e: InvocationFailure) => e._tag === "TaskFailed" || e._tag === "TaskTimedOut";
 * ```
 */
export type InvocationFailure = TaskFailed | TaskTimedOut | InvokeError | Throttled;

/**
 * A running invocation.
 *
 * @example Wait for Lambda's answer
 * ```ts
 * import { Deferred } from "effect";
 * import type { Invocation } from "@covalent/awslambda";
 * declare const invocation: Invocation;
 * const answered = Deferred.await(invocation.answer);
 * ```
 */
export interface Invocation {
  /** The function invoked. */
  readonly functionName: string;
  /**
   * Completes when Lambda answers: success means the outcome was written; a failure is the
   * typed reason. It stays open if the connection is lost, and polling S3 decides.
   */
  readonly answer: Deferred.Deferred<void, InvocationFailure>;
}

/** How long presigned URLs live beyond the function's timeout, seconds. */
const URL_SLACK_SECONDS = 600;

/**
 * Presigns the task's URLs and starts the function with them. The call runs in a fiber of
 * the current scope, so closing the scope (interruption) abandons it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { invoke, type Deployment, type StagedTask } from "@covalent/awslambda";
 * declare const deployment: Deployment, staged: StagedTask;
 * const started = Effect.scoped(invoke(deployment, staged, 60));
 * ```
 */
export const invoke: (
  deployment: Deployment,
  staged: StagedTask,
  timeoutSeconds: number,
) => Effect.Effect<Invocation, never, AwsClients | Scope.Scope> = Effect.fn("invoke")(function* (
  deployment: Deployment,
  staged: StagedTask,
  timeoutSeconds: number,
) {
  const clients = yield* AwsClients;
  const expires = timeoutSeconds + URL_SLACK_SECONDS;
  const event: InvocationEvent = {
    format: EVENT_FORMAT,
    taskUrl: yield* clients.presign("GET", staged.bucket, staged.taskKey, expires),
    outcomeUrl: yield* clients.presign("PUT", staged.bucket, staged.outcomeKey, expires),
  };
  const answer = yield* Deferred.make<void, InvocationFailure>();
  const call = Effect.tryPromise({
    try: (signal) =>
      clients.lambda.send(
        new InvokeCommand({
          FunctionName: deployment.functionName,
          Payload: new TextEncoder().encode(JSON.stringify(event)),
          LogType: "Tail",
        }),
        { abortSignal: signal },
      ),
    catch: (reason) => reason,
  });
  yield* call.pipe(
    Effect.flatMap((response) => {
      const logTail = response.LogResult ? Buffer.from(response.LogResult, "base64").toString("utf8") : "";
      if (!response.FunctionError) return Effect.void;
      return Effect.fail(functionFailure(response.Payload, logTail, timeoutSeconds));
    }),
    Effect.catch((reason) => {
      if (isTyped(reason)) return Effect.fail(reason);
      const failure = requestFailure(reason, deployment.functionName);
      // A lost connection says nothing about the task: leave the answer open for the poll.
      return failure === undefined ? Effect.never : Effect.fail(failure);
    }),
    Effect.exit,
    Effect.flatMap((exit: Exit.Exit<void, InvocationFailure>) => Deferred.done(answer, exit)),
    Effect.forkScoped,
  );
  return { functionName: deployment.functionName, answer };
});

function isTyped(reason: unknown): reason is InvocationFailure {
  return reason instanceof TaskFailed || reason instanceof TaskTimedOut || reason instanceof InvokeError ||
    reason instanceof Throttled;
}

interface LambdaErrorPayload {
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
}

function functionFailure(
  payload: Uint8Array | undefined,
  logTail: string,
  timeoutSeconds: number,
): InvocationFailure {
  let parsed: LambdaErrorPayload = {};
  try {
    parsed = JSON.parse(new TextDecoder().decode(payload ?? new Uint8Array())) as LambdaErrorPayload;
  } catch {
    parsed = { errorMessage: new TextDecoder().decode(payload ?? new Uint8Array()) };
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

function requestFailure(reason: unknown, functionName: string): InvocationFailure | undefined {
  const error = reason as Error & { Reason?: string; $metadata?: { httpStatusCode?: number } };
  if (error?.name === "TooManyRequestsException") {
    return new Throttled({
      functionName,
      limit: error.Reason ?? "unknown",
      attempts: 3,
      message: `Lambda throttled the invocation of "${functionName}" (${error.Reason ?? "rate exceeded"}). ` +
        `Run fewer tasks at once or ask AWS for a higher concurrency limit.`,
    });
  }
  if (error?.$metadata?.httpStatusCode !== undefined || error?.name?.endsWith("Exception")) {
    return new InvokeError({
      functionName,
      reason,
      message: `Invoking "${functionName}" failed: ${error.name}: ${error.message}. Check that your ` +
        `credentials allow lambda:InvokeFunction; the function is redeployed if it was deleted meanwhile.`,
    });
  }
  return undefined;
}
