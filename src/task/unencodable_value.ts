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
   * The size limit in bytes the encoding would have exceeded, when the value was refused for its
   * size alone (the same value may still travel another way, e.g. as binary parts in S3);
   * `undefined` when it was refused for what it holds.
   */
  readonly limit: number | undefined;

  /**
   * Creates the error; the message is `Cannot encode <path>: <reason>`.
   *
   * @param path Where the refused value sits, e.g. `result.items[3]`.
   * @param reason Why it cannot be encoded, e.g. `"functions cannot be sent to Lambda; …"`.
   * @param limit The size limit exceeded, when the value was refused for its size alone.
   */
  constructor(path: string, reason: string, limit?: number) {
    super(`Cannot encode ${path}: ${reason}`);
    this.path = path;
    this.reason = reason;
    this.limit = limit;
  }
}
