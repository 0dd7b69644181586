/**
 * How the bootstrap turns thrown values into the Runtime API's error objects and log text,
 * as AWS's Node.js runtime interface client does.
 *
 * @module
 */
import type { BootstrapModules, RapidError } from "./bootstrap_modules.ts";

/** The error helpers the other bootstrap parts use. */
export interface ErrorFormatting {
  /** An error whose `name` (and so its stack's first line) is `Runtime.<kind>`. */
  runtimeError(kind: string, message: string): Error;
  /** The `{errorType, errorMessage, trace}` object for any thrown value. */
  toRapidError(error: unknown): RapidError;
  /** The tab-prefixed JSON the runtime logs for an error (`Invoke Error`, `Uncaught Exception`). */
  toFormatted(error: unknown): string;
}

/**
 * Builds the error helpers. Self-contained: it runs inside the function's process.
 *
 * @param util `node:util`.
 * @returns The helpers.
 */
export function errorFormatting(util: BootstrapModules["util"]): ErrorFormatting {
  const escapeDelete = (text: string) => text.replace(/\x7F/g, "%7F");
  const looksLikeError = (value: unknown): value is Error => {
    const candidate = value as Partial<Error> | null | undefined;
    return typeof candidate?.name === "string" && typeof candidate.message === "string" &&
      typeof candidate.stack === "string" && candidate.name !== "" && candidate.message !== "";
  };

  function runtimeError(kind: string, message: string): Error {
    // The name must sit on the prototype before construction: V8 renders the stack's first
    // line from it at that moment.
    const Kind = class extends Error {};
    Object.defineProperty(Kind.prototype, "name", { value: `Runtime.${kind}`, writable: true });
    return new Kind(message);
  }

  function toRapidError(error: unknown): RapidError {
    try {
      if (util.types.isNativeError(error) || looksLikeError(error)) {
        return {
          errorType: escapeDelete(error.name),
          errorMessage: escapeDelete(error.message),
          trace: escapeDelete(error.stack as string).split("\n"),
        };
      }
      return { errorType: typeof error, errorMessage: String((error as object).toString()), trace: [] };
    } catch {
      return {
        errorType: "handled",
        errorMessage: "callback called with Error argument, but there was a problem while retrieving one " +
          "or more of its message, name, and stack",
      };
    }
  }

  function withEnumerableProperties(value: unknown): unknown {
    if (!(value instanceof Error)) return value;
    const shown: Record<string, unknown> = {
      errorType: value.name,
      errorMessage: value.message,
      code: (value as { code?: unknown }).code,
      ...value,
    };
    if (typeof value.stack === "string") shown.stack = value.stack.split("\n");
    return shown;
  }

  function toFormatted(error: unknown): string {
    try {
      return "\t" + JSON.stringify(error, (_key, value) => withEnumerableProperties(value));
    } catch {
      return "\t" + JSON.stringify(toRapidError(error));
    }
  }

  return { runtimeError, toRapidError, toFormatted };
}
