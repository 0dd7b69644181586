/**
 * What an executor's tasks cost: each invocation's billed duration and memory from Lambda's
 * REPORT line, the requests made, and dollars at list prices — totals, plus the most recent
 * tasks (bounded).
 *
 * @module
 */
import { LIST_PRICES, type PriceTable } from "./prices.ts";
import type { InvocationReport } from "./report_line.ts";

/**
 * One task's cost.
 *
 * @example
 * ```ts
 * import type { TaskCost } from "@covalent/awslambda";
 * const line = (c: TaskCost) => `${c.taskId}: ${c.billedMs} ms at ${c.memoryMb} MB`;
 * ```
 */
export interface TaskCost {
  /** The task. */
  readonly taskId: string;
  /** Billed duration, ms (0 when Lambda's REPORT line was not in the log tail). */
  readonly billedMs: number;
  /** Configured memory, MB. */
  readonly memoryMb: number;
  /** Peak memory used, MB. */
  readonly maxMemoryUsedMb: number;
  /** Billed GB-seconds. */
  readonly gbSeconds: number;
  /** Invocations sent (throttled retries included). */
  readonly lambdaRequests: number;
}

/**
 * An executor's costs so far.
 *
 * @example
 * ```ts
 * import { AWSLambdaExecutor } from "@covalent/awslambda";
 * await using executor = new AWSLambdaExecutor({ endpoint: "local" });
 * await executor.run(() => 1, []);
 * const { total } = await executor.stats();
 * console.log(`${total.gbSeconds} GB-s, $${total.dollars.toFixed(6)}`);
 * ```
 */
export interface ExecutorStats {
  /** Sums over every task. */
  readonly total: {
    /** Invocations that ended, answered or not (Lambda bills them either way). */
    readonly tasks: number;
    /** Billed duration, ms. */
    readonly billedMs: number;
    /** Billed GB-seconds. */
    readonly gbSeconds: number;
    /** Lambda requests (Invoke, throttled ones included). */
    readonly lambdaRequests: number;
    /**
     * S3 requests the tasks made, by the executor and, through presigned URLs, by the function:
     * uploads of arguments, outcomes and module bundles, and their downloads (one per byte range),
     * the executor's reads again included. Not counted: the executor's one HeadBucket, deletions
     * (free on S3), retries inside the AWS SDK or the function, and a function's download of a
     * module bundle (once per warm environment): the executor does not see them.
     */
    readonly s3Requests: { readonly put: number; readonly get: number };
    /** Tasks whose REPORT line was missing (their duration is not in the totals). */
    readonly unreported: number;
    /** Dollars at list prices: requests plus duration. */
    readonly dollars: number;
  };
  /** The most recent tasks (at most 1,000), oldest first. */
  readonly recent: readonly TaskCost[];
  /** The prices used. */
  readonly prices: PriceTable;
}

/** Recent tasks kept: enough to inspect, bounded however many tasks run. */
const RECENT = 1000;

/** Collects an executor's costs. */
export interface CostCollector {
  /** Records one task's invocation (its REPORT line, when Lambda returned one). */
  task(taskId: string, report: InvocationReport | undefined, memoryMb: number, lambdaRequests: number): void;
  /** Records S3 requests. */
  s3(put: number, get: number): void;
  /** A snapshot. */
  snapshot(): ExecutorStats;
}

/** Makes an empty collector for a function architecture. */
export function makeCostCollector(
  architecture: "x86_64" | "arm64",
  prices: PriceTable = LIST_PRICES,
): CostCollector {
  let tasks = 0;
  let billedMs = 0;
  let gbSeconds = 0;
  let lambdaRequests = 0;
  let unreported = 0;
  let puts = 0;
  let gets = 0;
  // A ring: once full, the oldest entry is overwritten in place (no shifting on every task).
  const recent: TaskCost[] = [];
  let oldest = 0;
  return {
    task(taskId, report, memoryMb, requests) {
      tasks++;
      lambdaRequests += requests;
      if (report === undefined) unreported++;
      const billed = report?.billedMs ?? 0;
      const memory = report?.memoryMb ?? memoryMb;
      const gb = (billed / 1000) * (memory / 1024);
      billedMs += billed;
      gbSeconds += gb;
      const cost: TaskCost = {
        taskId,
        billedMs: billed,
        memoryMb: memory,
        maxMemoryUsedMb: report?.maxMemoryUsedMb ?? 0,
        gbSeconds: gb,
        lambdaRequests: requests,
      };
      if (recent.length < RECENT) recent.push(cost);
      else {
        recent[oldest] = cost;
        oldest = (oldest + 1) % RECENT;
      }
    },
    s3(put, get) {
      puts += put;
      gets += get;
    },
    snapshot() {
      const perGbSecond = architecture === "arm64" ? prices.gbSecondArm : prices.gbSecondX86;
      const dollars = lambdaRequests * prices.lambdaRequest + gbSeconds * perGbSecond + puts * prices.s3Put +
        gets * prices.s3Get;
      return {
        total: {
          tasks,
          billedMs,
          gbSeconds,
          lambdaRequests,
          s3Requests: { put: puts, get: gets },
          unreported,
          dollars,
        },
        recent: [...recent.slice(oldest), ...recent.slice(0, oldest)],
        prices,
      };
    },
  };
}
