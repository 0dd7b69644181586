/**
 * Interleaved timing: each round runs every side once, in an order rotated round by round, so
 * drift of the machine (heat, other load, a GC of local AWS) hits all sides alike.
 *
 * @module
 */
import { describeError } from "./outcome.ts";

/** One side of a comparison. */
export interface Side {
  readonly name: string;
  /** Runs one operation; its wall time is the sample. */
  run(round: number): Promise<unknown>;
  /**
   * Runs only every `every`-th round (for slow sides).
   * @default {1}
   */
  readonly every?: number;
}

/** The samples of one side (ms), or the failure that stopped it. */
export interface SideSamples {
  readonly samples: number[];
  failure?: string;
}

/**
 * Runs `warmup` untimed rounds and then `rounds` timed ones. A side that fails is stopped and
 * keeps its message; the others go on.
 */
export async function interleave(
  sides: readonly Side[],
  rounds: number,
  warmup: number,
): Promise<Map<string, SideSamples>> {
  const results = new Map<string, SideSamples>(sides.map((side) => [side.name, { samples: [] }]));
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % sides.length) + sides.length) % sides.length;
    const order = [...sides.slice(shift), ...sides.slice(0, shift)];
    for (const side of order) {
      const result = results.get(side.name)!;
      if (result.failure !== undefined) continue;
      if (round >= 0 && round % (side.every ?? 1) !== 0) continue;
      // A slow side warms up once, in the last warm-up round.
      if (round < -1 && (side.every ?? 1) > 1) continue;
      const started = performance.now();
      try {
        await side.run(round);
      } catch (error) {
        result.failure = describeError(error);
        continue;
      }
      if (round >= 0) result.samples.push(performance.now() - started);
    }
  }
  return results;
}
