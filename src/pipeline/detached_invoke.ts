/**
 * Invoking so that a task runs at most once however its run ends: the invocation holds a permit
 * and runs in the executor's background, so a caller that gives up (interrupt, signal, a failed
 * sibling in a `map`) is answered at once while the invocation itself is never aborted; what it
 * wrote is removed once it ends. Only what did not run is tried again: a throttled call, and a
 * call to a shared function that was deleted or went to sleep.
 *
 * @module
 */
import { Effect, Exit, Fiber, type Semaphore } from "effect";
import type { LambdaApi } from "../aws/lambda_api.ts";
import type { IamApi } from "../aws/iam_api.ts";
import type { S3Api } from "../aws/s3_api.ts";
import type { BackgroundWork } from "./background_work.ts";
import type { CostCollector } from "./cost_stats.ts";
import type { Deployment } from "./deploy.ts";
import { removeQuietly } from "./encode.ts";
import { Throttled } from "./errors/invoke_errors.ts";
import type { FunctionFailure, FunctionProvider } from "./function_provider.ts";
import { type InvocationFailure, type InvocationReply, invoke } from "./invoke.ts";
import { readReportLine } from "./report_line.ts";
import type { RunIds } from "./run_ids.ts";
import { ThrottleRetryPolicy } from "./throttle_retry_policy.ts";

/** What a detached invocation needs from its executor. */
export interface DetachedInvokeContext {
  /** The executor's concurrency permits: an invocation holds one while it runs. */
  readonly permits: Semaphore.Semaphore;
  /** Where invocations run, so an abandoned one can finish. */
  readonly background: BackgroundWork;
  /** The functions invoked (refreshed when a shared one vanished). */
  readonly functions: FunctionProvider;
  /** Where each ended invocation is counted. */
  readonly costs: CostCollector;
  /** The staging bucket, for removing what an abandoned invocation wrote. */
  readonly bucket: string;
  /** The functions' timeout, seconds. */
  readonly timeoutSeconds: number;
  /** The functions' memory, MB (for a REPORT line that is missing). */
  readonly memorySize: number;
  /** Whether what an abandoned invocation wrote is removed. */
  readonly cleanup: boolean;
}

/** One task's invocation. */
export interface DetachedInvocation {
  /** The function to invoke. */
  readonly deployment: Deployment;
  /** The run. */
  readonly ids: RunIds;
  /** The event. */
  readonly event: Parameters<typeof invoke>[1];
  /** What the invocation may leave in S3, removed when an abandoned invocation ends. */
  readonly cleanupKeys: readonly string[];
}

/**
 * Makes the invoker of an executor.
 *
 * @param context The executor's permits, background work, functions and settings.
 * @returns Runs one invocation detached; the caller's fiber must provide the AWS services.
 */
export function makeDetachedInvoker(
  context: DetachedInvokeContext,
): (
  invocation: DetachedInvocation,
) => Effect.Effect<InvocationReply, InvocationFailure | FunctionFailure, LambdaApi | IamApi | S3Api> {
  const { permits, background, functions, costs } = context;
  return ({ deployment, ids, event, cleanupKeys }) =>
    Effect.suspend(() => {
      let attempts = 0;
      const once = (d: Deployment) =>
        Effect.suspend(() => (attempts++, invoke(d.functionName, event, context.timeoutSeconds)));
      const attempt = once(deployment).pipe(
        // The shared function was deleted or went Inactive under us: the task did not run, so
        // deploy (or wake) it and try once more.
        Effect.catchIf(
          (e) =>
            e._tag === "InvokeError" && !e.mayHaveRun && functions.redeployable &&
            (e.reason.reason._tag === "NotFound" || e.reason.reason._tag === "NotReady"),
          () =>
            functions.refresh(deployment).pipe(
              Effect.andThen(Effect.scoped(functions.acquire(ids))),
              Effect.flatMap(once),
            ),
        ),
      );
      const counted = attempt.pipe(
        // Throttled means it did not run: the retry schedule is entered only then.
        Effect.catchIf((e) => e._tag === "Throttled", (first) => retryThrottled(first, attempt)),
        Effect.mapError((e) => e._tag === "Throttled" ? new Throttled({ ...e, attempts }) : e),
        // Counted when the invocation ends, abandoned or not: Lambda bills it either way.
        Effect.onExit((exit) => Effect.sync(() => count(exit, ids, attempts))),
      );
      return Effect.uninterruptibleMask((restore) =>
        restore(permits.take(1)).pipe(
          Effect.andThen(background.start(counted.pipe(Effect.ensuring(permits.release(1))))),
        )
      ).pipe(
        Effect.flatMap((fiber) =>
          Fiber.join(fiber).pipe(
            Effect.onInterrupt(() =>
              context.cleanup
                ? background.start(
                  Fiber.await(fiber).pipe(Effect.andThen(removeQuietly(context.bucket, cleanupKeys))),
                ).pipe(Effect.asVoid)
                : Effect.void
            ),
          )
        ),
      );
    });

  function count(exit: Exit.Exit<InvocationReply, unknown>, ids: RunIds, attempts: number): void {
    const tail = Exit.isSuccess(exit)
      ? (exit.value._tag === "Answered" ? exit.value.logTail : "")
      : logTailOf(Exit.findErrorOption(exit));
    const answered = Exit.isSuccess(exit) ? exit.value._tag === "Answered" : tail !== "";
    costs.task(ids.taskId, answered ? readReportLine(tail) : undefined, context.memorySize, attempts);
    if (Exit.isSuccess(exit) && exit.value._tag === "Answered" && exit.value.answer.written) costs.s3(1, 0);
  }
}

/**
 * Retries a throttled invocation with the `ThrottleRetryPolicy` schedule, the first failure
 * replayed into it so the schedule counts it; every wait is at least Lambda's `Retry-After`.
 */
function retryThrottled<A, E extends { readonly _tag: string }, R>(
  first: E,
  attempt: Effect.Effect<A, E, R>,
): Effect.Effect<A, E, R> {
  return Effect.gen(function* () {
    const policy = yield* ThrottleRetryPolicy;
    let replay = true;
    return yield* Effect.suspend(() => replay ? (replay = false, Effect.fail(first)) : attempt).pipe(
      Effect.tapError(waitRetryAfter),
      Effect.retry({ schedule: policy, while: (e) => e._tag === "Throttled" }),
    );
  });
}

function waitRetryAfter(error: { readonly _tag: string }): Effect.Effect<void> {
  const reason = error._tag === "Throttled" ? (error as Throttled).reason.reason : undefined;
  return reason?._tag === "Throttled" && reason.retryAfterMs
    ? Effect.sleep(reason.retryAfterMs)
    : Effect.void;
}

/** The log tail a failed invocation carries, when Lambda answered (a task failure or timeout). */
function logTailOf(error: { _tag: string; value?: unknown }): string {
  if (error._tag !== "Some") return "";
  const tail = (error.value as { logTail?: unknown }).logTail;
  return typeof tail === "string" ? tail : "";
}
