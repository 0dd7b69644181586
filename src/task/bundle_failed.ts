/**
 * The error for a module task that cannot be bundled.
 *
 * @module
 */

/**
 * A module that the bundler refused: a syntax error, an import that does not resolve, a module
 * that is not a local file.
 *
 * @example
 * ```ts
 * import { bundleModule, BundleFailed } from "./bundle_module.ts";
 * try {
 *   await bundleModule("./broken.ts", { cacheDir: "/tmp/cache" });
 * } catch (error) {
 *   if (error instanceof BundleFailed) console.log(error.bundlerMessage);
 * }
 * ```
 */
export class BundleFailed extends Error {
  /** Always `"BundleFailed"`. */
  override readonly name = "BundleFailed";
  /** The module that was being bundled, as a path (or as given, when it is not a local file). */
  readonly entry: string;
  /** The first lines of the bundler's own message. */
  readonly bundlerMessage: string;

  /**
   * Creates the error; the message is `Cannot bundle <entry>: <bundler message>`.
   *
   * @param entry The module being bundled.
   * @param bundlerMessage What the bundler (or the check before it) said.
   */
  constructor(entry: string, bundlerMessage: string) {
    super(`Cannot bundle ${entry}: ${bundlerMessage}`);
    this.entry = entry;
    this.bundlerMessage = bundlerMessage;
  }
}

/** The first lines of a tool's error output, without colours or a Rust backtrace. */
export function firstLines(text: string, count = 8): string {
  // deno-lint-ignore no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
  const lines = plain.split("\n");
  const backtrace = lines.findIndex((line) => line.startsWith("Stack backtrace:"));
  return lines.slice(0, backtrace === -1 ? lines.length : backtrace)
    .map((line) => line.trimEnd())
    .filter((line) => line !== "")
    .slice(0, count)
    .join("\n");
}
