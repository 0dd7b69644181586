/**
 * Order statistics of a sample of timings.
 *
 * @module
 */

/** What the bench reports of a sample. */
export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The `p`-th percentile (0–100) of a sample, by linear interpolation between order statistics. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** Count, median, 95th percentile, mean and extremes of a sample. */
export function summarize(samples: readonly number[]): Summary {
  const count = samples.length;
  return {
    count,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    mean: count === 0 ? NaN : samples.reduce((sum, x) => sum + x, 0) / count,
    min: count === 0 ? NaN : Math.min(...samples),
    max: count === 0 ? NaN : Math.max(...samples),
  };
}
