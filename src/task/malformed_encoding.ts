/**
 * The error `decodeValue` throws for text that is not a valid encoded value.
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/**
 * Text that `decodeValue` cannot read: not JSON, another format or version, or a node that breaks
 * the format's rules.
 *
 * @example
 * ```ts
 * import { decodeValue, MalformedEncoding } from "./value_codec.ts";
 * try {
 *   decodeValue("{}");
 * } catch (error) {
 *   if (error instanceof MalformedEncoding) console.log(error.pointer); // ""
 * }
 * ```
 */
export class MalformedEncoding extends Error {
  /** Always `"MalformedEncoding"`. */
  override readonly name = "MalformedEncoding";
  /** JSON Pointer (RFC 6901) to the offending node inside the encoded document; `""` is the document. */
  readonly pointer: string;
  /** What is wrong with the node. */
  readonly problem: string;

  /**
   * Creates the error; the message names the pointer and the problem.
   *
   * @param pointer JSON Pointer to the offending node, e.g. `"/value/2/entries/0"`.
   * @param problem What is wrong, e.g. `"unknown tag \"Blob\""`.
   */
  constructor(pointer: string, problem: string) {
    super(`Malformed encoded value${pointer === "" ? "" : ` at ${pointer}`}: ${problem}`);
    this.pointer = pointer;
    this.problem = problem;
  }
}
