/**
 * `invoke`: starts the function for one task, synchronously, in a background fiber whose
 * answer `poll` races against the outcome appearing in S3.
 *
 * @module
 */
import { Deferred, Effect, type Exit, type Scope } from "effect";
import type { AwsError } from "../aws/aws_error.ts";
import { LambdaApi } from "../aws/lambda_api.ts";
import { S3Api } from "../aws/s3_api.ts";
import type { CredentialsError } from "../config/config_error.ts";
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

/**
 * How long presigned URLs live beyond the function's timeout, seconds: room for the request
 * to reach the function and for a client clock somewhat behind S3's.
 */
export const URL_SLACK_SECONDS = 60;

/**
 * Presigns the task's URLs and starts the function with them, once (the SDK does not retry
 * Invoke). The call runs in a fiber of the current scope, so closing the scope (interruption)
 * abandons it. Presigning fails with a `CredentialsError` when the credentials cannot outlive
 * the URLs.
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
) => Effect.Effect<Invocation, CredentialsError, S3Api | LambdaApi | Scope.Scope> = Effect.fn("invoke")(
  function* (
    deployment: Deployment,
    staged: StagedTask,
    timeoutSeconds: number,
  ) {
    const s3 = yield* S3Api;
    const lambda = yield* LambdaApi;
    const expires = timeoutSeconds + URL_SLACK_SECONDS;
    // Presigning is local work: only credentials that cannot last are an expected failure.
    const presign = (method: "GET" | "PUT", key: string) =>
      s3.presign(method, staged.bucket, key, expires).pipe(
        Effect.catchTag("AwsError", (error) => Effect.die(error)),
      );
    const event: InvocationEvent = {
      format: EVENT_FORMAT,
      taskUrl: yield* presign("GET", staged.taskKey),
      outcomeUrl: yield* presign("PUT", staged.outcomeKey),
    };
    const answer = yield* Deferred.make<void, InvocationFailure>();
    yield* lambda.invoke(
      deployment.functionName,
      new TextEncoder().encode(JSON.stringify(event)),
      timeoutSeconds,
    )
      .pipe(
        Effect.catch((error) => {
          const failure = requestFailure(error, deployment.functionName);
          // A lost connection says nothing about the task: leave the answer open for the poll.
          return failure === undefined ? Effect.never : Effect.fail(failure);
        }),
        Effect.flatMap((response) =>
          response.functionError === undefined
            ? Effect.void
            : Effect.fail(functionFailure(response.payload, response.logTail, timeoutSeconds))
        ),
        Effect.exit,
        Effect.flatMap((exit: Exit.Exit<void, InvocationFailure>) => Deferred.done(answer, exit)),
        Effect.forkScoped,
      );
    return { functionName: deployment.functionName, answer };
  },
);

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

/**
 * What a refused or failed Invoke request means for the task: throttling and refusals mean it
 * did not run; a broken connection leaves it open (`undefined`), for S3 to tell.
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
