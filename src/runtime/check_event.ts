/**
 * Checking that an invocation event is a version 2 event the runtime can serve, before anything
 * is fetched or run. Messages name what came, never a URL (it carries a signature).
 *
 * @module
 */
import { stringifyJson } from "./captured_globals.ts";
import { EVENT_FORMAT, type InvocationEvent } from "./protocol.ts";

function shown(value: unknown): string {
  const text = typeof value === "string"
    ? stringifyJson(value)
    : typeof value === "number" || typeof value === "boolean" || value == null
    ? String(value)
    : typeof value;
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Checks an event's format and shape.
 *
 * @param event What Lambda passed to the handler.
 * @throws {TypeError} When it is not a version 2 event (an executor of another version deployed
 * against this runtime), or a field has the wrong type.
 */
export function checkEvent(event: unknown): asserts event is InvocationEvent {
  const format = isObject(event) ? event.format : undefined;
  if (format !== EVENT_FORMAT) {
    throw new TypeError(
      `Not a ${EVENT_FORMAT} event: its format is ${shown(format)}` +
        (isObject(event) ? "" : ` (the event is ${event === null ? "null" : typeof event})`) +
        "; the executor and the deployed runtime are of different versions.",
    );
  }
  const { code, args, outcome } = event as Record<string, unknown>;
  const wrong = (field: string, want: string, got: unknown) =>
    new TypeError(`The ${EVENT_FORMAT} event's ${field} must be ${want}, got ${shown(got)}.`);
  if (!isObject(code)) throw wrong("code", "an object", code);
  if (code.kind !== "function" && code.kind !== "module") {
    throw wrong("code.kind", '"function" or "module"', code.kind);
  }
  if (!isObject(args)) throw wrong("args", "an object", args);
  if (typeof args.inline !== "string" && typeof args.url !== "string") {
    throw wrong("args", "{ inline } or { url, bytes }", "neither");
  }
  if (!isObject(outcome)) throw wrong("outcome", "an object", outcome);
  if (typeof outcome.url !== "string") throw wrong("outcome.url", "a string", outcome.url);
  for (const field of ["inlineLimit", "durableAfterMs"] as const) {
    const value = outcome[field];
    if (typeof value !== "number" || !(value >= 0)) throw wrong(`outcome.${field}`, "a number ≥ 0", value);
  }
}
