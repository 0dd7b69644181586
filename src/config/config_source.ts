/**
 * Where a configuration value came from, so errors can point at it.
 *
 * @module
 */

/**
 * The origin of one configuration value.
 *
 * @example A value read from the config file
 * ```ts
 * import type { ConfigSource } from "@covalent/awslambda";
 * const source: ConfigSource = { kind: "file", path: "/home/me/.config/covalent/covalent.conf", line: 7 };
 * ```
 */
export type ConfigSource =
  | { readonly kind: "default" }
  | { readonly kind: "file"; readonly path: string; readonly line?: number }
  | { readonly kind: "env"; readonly name: string }
  | { readonly kind: "option"; readonly name: string };

/** Describes a source for a message: `the default`, `/x/covalent.conf line 7`, `env AWS_REGION`, … */
export function describeSource(source: ConfigSource): string {
  switch (source.kind) {
    case "default":
      return "the default";
    case "file":
      return source.line === undefined ? source.path : `${source.path} line ${source.line}`;
    case "env":
      return `environment variable ${source.name}`;
    case "option":
      return `option ${source.name}`;
  }
}
