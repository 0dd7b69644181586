/**
 * A measured figure, or why it could not be measured: every side of the bench reports one, so a
 * side that fails prints "failed: <message>" in its row and the bench goes on.
 *
 * @module
 */

/** A value, or the message of the failure that prevented it. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | {
  readonly ok: false;
  readonly message: string;
};

/** Runs `fn`, turning a rejection into a failed outcome. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
}

/** One line naming an error: its tag or name, and its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const tag = (error as { _tag?: unknown })._tag;
  const name = typeof tag === "string" ? tag : error.name;
  return `${name}: ${error.message}`.split("\n")[0].slice(0, 160);
}
