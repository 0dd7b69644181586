/**
 * Span options for the per-task path. A span (or `Effect.fn`) captures a stack trace for its
 * call site by default — an `Error` made on every call, about a tenth of the client's CPU per
 * task at fan-out. The spans of the per-task path keep their names and nesting, without that
 * call-site trace, and are built only when a tracer listens.
 *
 * @module
 */
import { Effect, type Fiber, Tracer } from "effect";

/** Options of every span on the per-task path: no call-site stack trace. */
const HOT_PATH_SPAN: Tracer.SpanOptions = { captureStackTrace: false };

/**
 * `effect` in a span named `name` when a tracer is installed, else `effect` itself: Effect's
 * built-in tracer keeps spans for no one, and building them cost several microseconds each on
 * every task (Effect's documented way to tell: the tracer is `Tracer.nativeTracer`).
 *
 * @param effect What to trace.
 * @param name The span's name.
 * @returns The effect, traced when someone listens.
 */
export function hotPathSpan<A, E, R>(effect: Effect.Effect<A, E, R>, name: string): Effect.Effect<A, E, R> {
  return Effect.withFiber((fiber) =>
    !tracerListens(fiber)
      ? effect
      // Data-first: only this form passes the options on to the span's stack-trace capture.
      : Effect.withSpan(effect, name, HOT_PATH_SPAN)
  );
}

/**
 * Sets an attribute of the span `hotPathSpan` made, when a tracer is installed (else there is
 * no such span, and the caller's own span must not get it).
 *
 * @param key The attribute's name.
 * @param value Its value.
 * @returns An effect that annotates.
 */
export function annotateHotPathSpan(key: string, value: unknown): Effect.Effect<void> {
  return Effect.withFiber((fiber) =>
    tracerListens(fiber) ? Effect.annotateCurrentSpan(key, value) : Effect.void
  );
}

/** Whether a tracer of one's own is installed: Effect's `nativeTracer` keeps spans for no one. */
function tracerListens(fiber: Fiber.Fiber<unknown, unknown>): boolean {
  return fiber.getRef(Tracer.Tracer) !== Tracer.nativeTracer;
}
