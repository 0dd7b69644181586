/**
 * The list prices cost figures are computed with: dated, for one region, with their sources.
 * Prices change; check the pages below before relying on a figure.
 *
 * @module
 */

/**
 * AWS list prices.
 *
 * @example
 * ```ts
 * import { LIST_PRICES } from "@covalent/awslambda";
 * const perMillionRequests = LIST_PRICES.lambdaRequest * 1e6; // $0.20
 * ```
 */
export interface PriceTable {
  /** When the prices were read (ISO date). */
  readonly asOf: string;
  /** The region they are for. */
  readonly region: string;
  /** Where they come from. */
  readonly sources: readonly string[];
  /** Dollars per Lambda request. */
  readonly lambdaRequest: number;
  /** Dollars per GB-second of Lambda duration, x86_64. */
  readonly gbSecondX86: number;
  /** Dollars per GB-second of Lambda duration, arm64. */
  readonly gbSecondArm: number;
  /** Dollars per S3 PUT, COPY, POST or LIST request (Standard). */
  readonly s3Put: number;
  /** Dollars per S3 GET and other request (Standard). */
  readonly s3Get: number;
}

/** On-demand list prices, US East (N. Virginia), first tier, no free tier. */
export const LIST_PRICES: PriceTable = {
  asOf: "2026-11-26",
  region: "us-east-1",
  sources: ["https://aws.amazon.com/lambda/pricing/", "https://aws.amazon.com/s3/pricing/"],
  lambdaRequest: 0.20 / 1e6,
  gbSecondX86: 0.0000166667,
  gbSecondArm: 0.0000133334,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
};
