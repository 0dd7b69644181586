/**
 * Deciding how an outcome goes back: inline in the Invoke response while the answer's JSON fits
 * `outcome.inlineLimit`, else through the presigned PUT (the answer then says how large the
 * stored record is and carries no value). A task that ran at least `outcome.durableAfterMs` is
 * also written, so a dropped connection does not lose a long computation.
 *
 * @module
 */
import { stringifyJson } from "./captured_globals.ts";
import type { EncodedParts } from "../task/value_parts.ts";
import { type EncodedOutcome, outcomeParts } from "./encode_outcome.ts";
import { ANSWER_FORMAT, type AnswerDocument, type OutcomeRoute } from "./protocol.ts";
import { utf8Length } from "./utf8_length.ts";

/** The answer, and the record to PUT before returning it, if any. */
export interface AnswerPlan {
  /** What the handler returns. */
  readonly answer: AnswerDocument;
  /** The record to write to `outcome.url` first. */
  readonly upload?: EncodedParts;
}

/**
 * Plans the answer for an encoded outcome.
 *
 * @param encoded The outcome, from `encodeOutcome`.
 * @param route The event's outcome route.
 * @returns The answer and what to write first.
 */
export function planAnswer(encoded: EncodedOutcome, route: OutcomeRoute): AnswerPlan {
  const { ok, stdout, stderr, durationMs } = encoded.record;
  const durable = durationMs >= route.durableAfterMs;
  if (encoded.text !== undefined) {
    const answer: AnswerDocument = {
      format: ANSWER_FORMAT,
      ok,
      value: encoded.text,
      written: durable,
      stdout,
      stderr,
      durationMs,
    };
    if (fits(answer, route)) return { answer, upload: durable ? outcomeParts(encoded) : undefined };
  }
  const upload = outcomeParts(encoded);
  const answer: AnswerDocument = {
    format: ANSWER_FORMAT,
    ok,
    spilledBytes: upload.byteLength,
    written: true,
    stdout,
    stderr,
    durationMs,
  };
  // The record holds the output too: huge output is left out rather than overflowing the response.
  return { answer: fits(answer, route) ? answer : { ...answer, stdout: "", stderr: "" }, upload };
}

function fits(answer: AnswerDocument, route: OutcomeRoute): boolean {
  return utf8Length(stringifyJson(answer)) <= route.inlineLimit;
}
