/**
 * Span options for the per-task path. A span (or `Effect.fn`) captures a stack trace for its
 * call site by default — an `Error` made on every call, about a tenth of the client's CPU per
 * task at fan-out. The spans of the per-task path keep their names and nesting, without that
 * call-site trace.
 *
 * @module
 */
import type { Tracer } from "effect";

/** Options of every span on the per-task path: no call-site stack trace. */
export const HOT_PATH_SPAN: Tracer.SpanOptions = { captureStackTrace: false };
