/**
 * The error for a function whose source cannot be shipped: it does not parse, or it is native.
 *
 * @module
 */

/**
 * A function source that cannot be parsed as a function, or a function whose source is not
 * available (built-in and bound functions print as `[native code]`).
 *
 * @example
 * ```ts
 * import { findFreeVariables, UnparsableFunction } from "./free_variables.ts";
 * try {
 *   findFreeVariables("(a) => {");
 * } catch (error) {
 *   if (error instanceof UnparsableFunction) console.log(error.parserMessage);
 * }
 * ```
 */
export class UnparsableFunction extends Error {
  /** Always `"UnparsableFunction"`. */
  override readonly name = "UnparsableFunction";
  /** The parser's own message, with the position in the function's source, or the native-code explanation. */
  readonly parserMessage: string;
  /** The source text that was refused. */
  readonly source: string;

  /**
   * Creates the error.
   *
   * @param message The full message.
   * @param parserMessage The parser's message (or the reason for a native function).
   * @param source The refused source text.
   */
  constructor(message: string, parserMessage: string, source: string) {
    super(message);
    this.parserMessage = parserMessage;
    this.source = source;
  }
}
