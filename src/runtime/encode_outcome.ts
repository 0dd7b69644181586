/**
 * Making a task's outcome sendable: the value that will travel (the result or the thrown value,
 * or what stands in for one that cannot be encoded), its JSON text for an inline answer and, when
 * it has no JSON text, its record in the binary parts container.
 *
 * @module
 */
import { encodeValue, UnencodableValue } from "../task/value_codec.ts";
import { type EncodedParts, encodeValueParts } from "../task/value_parts.ts";
import type { OutcomeRecord } from "./protocol.ts";
import { restoreGlobals } from "./restore_globals.ts";

/** An outcome ready to send. */
export interface EncodedOutcome {
  /** The record as it will be stored: its value is the one that travels. */
  readonly record: OutcomeRecord;
  /** The value as value codec JSON text; absent when only the binary parts can hold it (too large). */
  readonly text?: string;
  /** The record in the binary parts container, when it was already encoded. */
  readonly parts?: EncodedParts;
}

type Tried<T> = { readonly ok: T } | { readonly error: unknown };

function attempt<T>(encode: () => T): Tried<T> {
  // Encoding reads getters and so may run task code: the globals are put back right before.
  restoreGlobals();
  try {
    return { ok: encode() };
  } catch (error) {
    return { error };
  }
}

/** A message for anything thrown, even a value whose `message` or `toString` throws. */
function describe(problem: unknown): string {
  try {
    return String(problem instanceof Error ? problem.message : problem);
  } catch {
    return "a value that cannot be described";
  }
}

function resultEncodingError(problem: unknown): Error {
  // The task ran, but its value cannot travel back: that is reported as the task's error.
  const error = new TypeError(`The task's result cannot be sent back from Lambda: ${describe(problem)}`);
  error.name = "ResultEncodingError";
  return error;
}

function reducedError(thrown: unknown): Error {
  const error = new Error(describe(thrown));
  try {
    if (thrown instanceof Error) {
      error.name = typeof thrown.name === "string" ? thrown.name : "Error";
      if (typeof thrown.stack === "string") error.stack = thrown.stack;
    }
  } catch {
    // A hostile Error subclass: the message is all that travels.
  }
  return error;
}

/**
 * Encodes an outcome: as JSON text when the value codec's text is at most `inlineLimit` bytes
 * (the encoder stops as soon as it would be longer), else as the binary parts of its record. A
 * result neither can encode becomes a `ResultEncodingError` thrown value; a thrown value neither
 * can encode is reduced to an `Error` with its name, message and stack.
 *
 * @param outcome What the task did.
 * @param inlineLimit The event's `outcome.inlineLimit`: no longer text can be answered inline.
 * @returns The outcome ready to send.
 */
export function encodeOutcome(outcome: OutcomeRecord, inlineLimit: number): EncodedOutcome {
  // `attempt` puts the globals back first: the limit is worked out inside it, with `Math` restored.
  const text = attempt(() =>
    encodeValue(outcome.value, outcome.ok ? "result" : "error", {
      maxBytes: Math.max(1, Math.floor(inlineLimit)),
    })
  );
  if ("ok" in text) return { record: outcome, text: text.ok };
  // Refused for what it holds, not for its size: the binary parts would refuse it just the same.
  const refusedForContent = text.error instanceof UnencodableValue && text.error.limit === undefined;
  const parts = refusedForContent ? text : attempt(() => encodeValueParts(outcome, "outcome"));
  if ("ok" in parts) return { record: outcome, parts: parts.ok };
  const value = outcome.ok ? resultEncodingError(parts.error) : reducedError(outcome.value);
  const record = { ...outcome, ok: false, value };
  restoreGlobals();
  return { record, text: encodeValue(value, "error") };
}

/**
 * The record's binary parts, encoding them when `encodeOutcome` did not already.
 *
 * @param encoded The encoded outcome.
 * @returns The record in the binary parts container.
 */
export function outcomeParts(encoded: EncodedOutcome): EncodedParts {
  if (encoded.parts !== undefined) return encoded.parts;
  restoreGlobals();
  return encodeValueParts(encoded.record, "outcome");
}
