/**
 * The decoder of the value format described in `value_codec.ts`.
 *
 * Self-contained (imports only its siblings, which have no imports): it is bundled into the code
 * that runs inside Lambda.
 *
 * @module
 */
import { MalformedEncoding } from "./malformed_encoding.ts";
import { readDocument } from "./value_decoder.ts";

/**
 * Decodes text made by `encodeValue` back into the value.
 *
 * @param text The encoded JSON text.
 * @returns The value, with shared references and cycles restored.
 * @throws {MalformedEncoding} When `text` is not JSON, not this format or version, or breaks its rules.
 *
 * @example
 * ```ts
 * decodeValue(encodeValue(new Set([1n]))); // Set { 1n }
 * ```
 */
export function decodeValue(text: string): unknown {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MalformedEncoding("", `not JSON (${(error as Error).message})`);
  }
  return readDocument(document, undefined);
}
