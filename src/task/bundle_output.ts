/**
 * What a bundler hands back: the code, and what it was made from (for the cache).
 *
 * @module
 */

/** One bundling's result. */
export interface BundleOutput {
  /** One self-contained ES module; `node:` imports stay external. */
  readonly code: string;
  /** Absolute paths of the local files the bundle was made from (the entry included). */
  readonly files: readonly string[];
  /** Which bundler made it, e.g. `"deno 2.9.6"` or `"esbuild 0.28.2"`. */
  readonly bundler: string;
}
