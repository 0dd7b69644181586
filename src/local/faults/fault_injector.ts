/**
 * Fault injection: rules that make local AWS answer chosen requests with an error, a delay or
 * a response of your own, so every failure path of a client can be tested for real.
 *
 * @module
 */
import type { ServiceName } from "../auth/authenticate.ts";
import type { LocalRequest, LocalResponse } from "../http/exchange.ts";

/**
 * Which requests a fault applies to; every given field must match.
 *
 * @example Every PUT of an object ending in task.json
 * ```ts
 * import type { FaultMatch } from "@covalent/awslambda/local";
 * const match: FaultMatch = { service: "s3", method: "PUT", path: /task\.json$/ };
 * ```
 */
export interface FaultMatch {
  /** The service, as the request's credential scope names it. */
  readonly service: ServiceName;
  /** HTTP method, e.g. `PUT`. */
  readonly method?: string;
  /** Tested against the raw (still percent-encoded) path. */
  readonly path?: RegExp;
}

/**
 * What happens to a matching request.
 *
 * @example Slow and then failing
 * ```ts
 * import type { FaultEffect } from "@covalent/awslambda/local";
 * const effect: FaultEffect = { delayMs: 500, error: { status: 503, code: "SlowDown" }, times: 2 };
 * ```
 */
export interface FaultEffect {
  /** Wait this long first (milliseconds); alone, the request is then served normally. */
  readonly delayMs?: number;
  /** Answer with this AWS error, rendered in the service's own format. */
  readonly error?: { readonly status: number; readonly code: string; readonly message?: string };
  /** Answer with exactly this response. */
  readonly response?: LocalResponse;
  /**
   * Break the connection instead of answering: `beforeServing` without doing the work,
   * `afterServing` once the request has been served (a Lambda invocation has run) — a
   * network failure the client cannot tell from a crash.
   */
  readonly dropConnection?: "beforeServing" | "afterServing";
  /**
   * How many matching requests it affects before it stops.
   * @default {Infinity}
   */
  readonly times?: number;
}

/**
 * A fault rule: what it matches and what it does.
 *
 * @example An S3 outage for uploads
 * ```ts
 * import type { FaultRule } from "@covalent/awslambda/local";
 * const rule: FaultRule = { service: "s3", method: "PUT", error: { status: 500, code: "InternalError" } };
 * ```
 */
export type FaultRule = FaultMatch & FaultEffect;

/**
 * A fault in place.
 *
 * @example Count and remove
 * ```ts
 * import { startLocalAws } from "@covalent/awslambda/local";
 * await using aws = await startLocalAws();
 * const fault = aws.faults.add({ service: "sts", error: { status: 500, code: "InternalFailure" } });
 * console.log(fault.hits);
 * fault.remove();
 * ```
 */
export interface InjectedFault {
  /** How many requests it has affected so far. */
  readonly hits: number;
  /** Takes it out. */
  remove(): void;
}

/**
 * What a matching fault asks the server to do.
 *
 * @example What the server does with a hit
 * ```ts
 * import type { FaultOutcome } from "@covalent/awslambda/local";
 * const outcome: FaultOutcome = { delayMs: 0, answer: { status: 429, code: "TooManyRequestsException" } };
 * ```
 */
export interface FaultOutcome {
  /** Milliseconds to wait first. */
  readonly delayMs: number;
  /** The error or response to answer with; absent: serve the request normally after the delay. */
  readonly answer?: FaultEffect["error"] | LocalResponse;
  /** Break the connection, before or after serving. */
  readonly dropConnection?: FaultEffect["dropConnection"];
}

/**
 * The faults of one local AWS.
 *
 * @example Fail every IAM call until cleared
 * ```ts
 * import { startLocalAws } from "@covalent/awslambda/local";
 * await using aws = await startLocalAws();
 * aws.faults.add({ service: "iam", error: { status: 403, code: "AccessDenied", message: "not allowed" } });
 * aws.faults.clear();
 * ```
 */
export interface FaultInjector {
  /**
   * Adds a fault; the newest matching rule wins.
   *
   * @example Throttle the next three invocations
   * ```ts
   * import { startLocalAws } from "@covalent/awslambda/local";
   * await using aws = await startLocalAws();
   * aws.faults.add({
   *   service: "lambda", method: "POST", path: /\/invocations$/, times: 3,
   *   error: { status: 429, code: "TooManyRequestsException", message: "Rate Exceeded." },
   * });
   * ```
   */
  add(rule: FaultRule): InjectedFault;
  /** Removes every fault. */
  clear(): void;
  /** The outcome for a request, counting a hit; undefined when no fault applies. */
  apply(service: ServiceName, request: LocalRequest): FaultOutcome | undefined;
}

/**
 * Makes an empty fault injector.
 *
 * @example An injector of your own
 * ```ts
 * const faults = createFaultInjector();
 * faults.add({ service: "lambda", delayMs: 100 });
 * ```
 */
export function createFaultInjector(): FaultInjector {
  const rules: Array<{ rule: FaultRule; hits: number }> = [];
  return {
    add(rule) {
      const entry = { rule, hits: 0 };
      rules.push(entry);
      return {
        get hits() {
          return entry.hits;
        },
        remove() {
          const index = rules.indexOf(entry);
          if (index >= 0) rules.splice(index, 1);
        },
      };
    },
    clear: () => void rules.splice(0),
    apply(service, request) {
      for (let i = rules.length - 1; i >= 0; i--) {
        const entry = rules[i];
        const { rule } = entry;
        if (rule.service !== service) continue;
        if (rule.method !== undefined && rule.method.toUpperCase() !== request.method) continue;
        if (rule.path !== undefined && !rule.path.test(request.rawPath)) continue;
        if (entry.hits >= (rule.times ?? Infinity)) continue;
        entry.hits++;
        return {
          delayMs: rule.delayMs ?? 0,
          answer: rule.response ?? rule.error,
          dropConnection: rule.dropConnection,
        };
      }
      return undefined;
    },
  };
}
