/**
 * Counting the requests local AWS receives, by service and operation, so a benchmark or a test
 * can say "this task made no S3 request".
 *
 * @module
 */
import type { ServiceName } from "./auth/authenticate.ts";

/**
 * How many requests each service received, by operation (`PutObject`, `Invoke`, `CreateRole`,
 * … ; `Unauthenticated` for requests refused before anyone was identified; `Unknown` for those
 * no operation matches). A snapshot: later requests do not change it.
 *
 * @example Count S3 requests
 * ```ts
 * import type { RequestCounts } from "@covalent/awslambda/local";
 * const s3Requests = (counts: RequestCounts) => Object.values(counts.s3).reduce((a, b) => a + b, 0);
 * ```
 */
export type RequestCounts = Readonly<Record<ServiceName, Readonly<Record<string, number>>>>;

/** Where the router records each request. */
export interface RequestCounter {
  /** Records one request. */
  count(service: ServiceName, operation: string): void;
  /** The counts so far, as a copy. */
  snapshot(): RequestCounts;
  /** Starts every count again from zero. */
  reset(): void;
}

const SERVICES: readonly ServiceName[] = ["s3", "lambda", "iam", "sts"];

/**
 * Creates an empty counter.
 *
 * @returns The counter.
 *
 * @example
 * ```ts
 * const counter = createRequestCounter();
 * counter.count("s3", "PutObject");
 * counter.snapshot().s3.PutObject; // 1
 * ```
 */
export function createRequestCounter(): RequestCounter {
  let counts = new Map<ServiceName, Map<string, number>>();
  return {
    count: (service, operation) => {
      const byOperation = counts.get(service) ?? new Map<string, number>();
      byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
      counts.set(service, byOperation);
    },
    snapshot: () =>
      Object.fromEntries(
        SERVICES.map((service) => [service, Object.fromEntries(counts.get(service) ?? [])]),
      ) as Record<ServiceName, Record<string, number>>,
    reset: () => {
      counts = new Map();
    },
  };
}
