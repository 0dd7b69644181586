/**
 * The error `encodeValue` throws for a value that cannot travel to or from Lambda.
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/**
 * A value that cannot be encoded, with where it sits and why it was refused.
 *
 * @example
 * ```ts
 * import { encodeValue, UnencodableValue } from "./value_codec.ts";
 * try {
 *   encodeValue([1, { user: { callback: () => 1 } }], "args");
 * } catch (error) {
 *   if (error instanceof UnencodableValue) console.log(error.path); // "args[1].user.callback"
 * }
 * ```
 */
export class UnencodableValue extends Error {
  /** Always `"UnencodableValue"`. */
  override readonly name = "UnencodableValue";
  /** Where the value sits, in JavaScript accessor notation from the root name, e.g. `args[1].user.callback`. */
  readonly path: string;
  /** Why it was refused and what to do instead. */
  readonly reason: string;

  /**
   * Creates the error; the message is `Cannot encode <path>: <reason>`.
   *
   * @param path Where the refused value sits, e.g. `result.items[3]`.
   * @param reason Why it cannot be encoded, e.g. `"functions cannot be sent to Lambda; …"`.
   */
  constructor(path: string, reason: string) {
    super(`Cannot encode ${path}: ${reason}`);
    this.path = path;
    this.reason = reason;
  }
}
