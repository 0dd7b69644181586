/**
 * The package version, kept equal to `deno.json`'s by a test.
 *
 * @module
 */

/**
 * The version of `@covalent/awslambda`.
 *
 * @example
 * ```ts
 * import { VERSION } from "@covalent/awslambda";
 * console.log(VERSION); // "0.1.0"
 * ```
 */
export const VERSION = "0.1.0";
