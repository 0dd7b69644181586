/**
 * The region a profile names in the AWS config file (`~/.aws/config`, or `AWS_CONFIG_FILE`),
 * read the way the AWS CLI and SDKs read it: `[default]` or `[profile name]`.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A region found in the AWS config file, and where.
 *
 * @example
 * ```ts
 * import type { ProfileRegion } from "@covalent/awslambda";
 * const found: ProfileRegion = { region: "eu-west-1", path: "/home/me/.aws/config", line: 3 };
 * ```
 */
export interface ProfileRegion {
  /** The region. */
  readonly region: string;
  /** The file it was read from. */
  readonly path: string;
  /** Its line (1-based). */
  readonly line: number;
}

/**
 * Finds `region` in the profile's section of the AWS config file; undefined when the file,
 * the section or the key is absent.
 *
 * @param profile The profile (`default` when omitted).
 * @param env The environment (for `AWS_CONFIG_FILE`).
 * @param home The home directory.
 * @returns The region and where it stands, if any.
 */
export async function awsProfileRegion(
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): Promise<ProfileRegion | undefined> {
  const path = env.AWS_CONFIG_FILE || join(home, ".aws", "config");
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const wanted = profile ?? "default";
  let inSection = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header) {
      const name = header[1].replace(/^profile\s+/, "");
      inSection = name === wanted && (wanted === "default" || header[1].startsWith("profile"));
      continue;
    }
    const entry = /^region\s*=\s*([^\s#;]+)/.exec(line);
    if (inSection && entry) return { region: entry[1], path, line: index + 1 };
  }
  return undefined;
}
