/**
 * What clean-up commands (`sweep`, `uninstall`) could not do: each failure noted as
 * `<what was being done>: <why>`, and the work going on with what is left.
 *
 * @module
 */
import { Effect } from "effect";

/** The problems met so far, and the combinators that note them. */
export interface ProblemLog {
  /** Every problem noted, in order. */
  readonly problems: string[];
  /** Notes a failure of `what` and succeeds. */
  note(what: string): (error: unknown) => Effect.Effect<void>;
  /** Notes the objects a DeleteObjects left, each with S3's code. */
  noteUndeleted(left: readonly { readonly key: string; readonly code: string }[]): void;
  /** Runs an effect; a failure is noted as a failure of `what` and `fallback` is its value. */
  recover<B>(
    what: string,
    fallback: B,
  ): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A | B, never, R>;
}

/** Makes an empty problem log. */
export function makeProblemLog(): ProblemLog {
  const problems: string[] = [];
  const note = (what: string) => (error: unknown) =>
    Effect.sync(() =>
      void problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`)
    );
  return {
    problems,
    note,
    noteUndeleted: (left) => {
      for (const { key, code } of left) problems.push(`deleting ${key}: ${code}`);
    },
    recover: (what, fallback) => (effect) =>
      effect.pipe(Effect.catch((e) => note(what)(e).pipe(Effect.as(fallback)))),
  };
}
