/**
 * Finding and reading Covalent's config file, and the `[executors.awslambda]` section in it.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse, TomlError } from "smol-toml";
import { ConfigError } from "./config_error.ts";

/** The section of Covalent's config file the executor reads. */
export const CONFIG_SECTION = "executors.awslambda";

/** The executor's section of a config file, with the line of each key. */
export interface ConfigFileSection {
  /** The file that was read. */
  readonly path: string;
  /** Key → value as TOML gave it. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Key → 1-based line number, where it could be found. */
  readonly lines: Readonly<Record<string, number>>;
}

/** Where Covalent keeps its config file: `$COVALENT_CONFIG_DIR/covalent.conf`, else `~/.config/covalent/covalent.conf`. */
export function defaultConfigPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const dir = env.COVALENT_CONFIG_DIR;
  return dir ? join(dir, "covalent.conf") : join(home, ".config", "covalent", "covalent.conf");
}

/**
 * Reads the executor's section. A missing file is no error unless it was named explicitly
 * (`required`); a file without the section gives an empty one.
 */
export async function readConfigFile(
  path: string,
  required: boolean,
): Promise<ConfigFileSection | ConfigError> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" && !required) return { path, values: {}, lines: {} };
    return fileError(path, `cannot be read (${code ?? String(error)})`, "a readable TOML file");
  }
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      return fileError(
        `${path} line ${error.line}`,
        `is not valid TOML: ${error.message.split("\n")[0]}`,
        "valid TOML (https://toml.io)",
      );
    }
    throw error;
  }
  const executors = document.executors;
  const section = isTable(executors) ? executors.awslambda : undefined;
  if (section === undefined) return { path, values: {}, lines: {} };
  if (!isTable(section)) {
    return fileError(path, `[${CONFIG_SECTION}] must be a table`, `a [${CONFIG_SECTION}] table of keys`);
  }
  return { path, values: section, lines: keyLines(text, Object.keys(section)) };
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function fileError(where: string, what: string, allowed: string): ConfigError {
  return new ConfigError({
    key: "",
    allowed,
    source: where,
    message: `Covalent config file ${where} ${what}. Fix the file or point configFile at another one.`,
  });
}

/** Finds the line of each key inside the `[executors.awslambda]` table (plain `key = …` lines). */
function keyLines(text: string, keys: readonly string[]): Record<string, number> {
  const lines: Record<string, number> = {};
  let inSection = false;
  text.split(/\r?\n/).forEach((line, index) => {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (header) {
      inSection = header[1].replace(/\s+/g, "").replace(/"/g, "") === CONFIG_SECTION;
      return;
    }
    const assignment = /^\s*("?)([A-Za-z0-9_-]+)\1\s*=/.exec(line);
    if (inSection && assignment && keys.includes(assignment[2]) && lines[assignment[2]] === undefined) {
      lines[assignment[2]] = index + 1;
    }
  });
  return lines;
}
