/**
 * Checking one configuration value against its key's type and range.
 *
 * @module
 */
import { isAbsolute, join, resolve } from "node:path";
import { ConfigError } from "./config_error.ts";
import { describeAllowed, type KeySpec } from "./config_keys.ts";
import { type ConfigSource, describeSource } from "./config_source.ts";

/** A checked value. */
export type ConfigValue = string | number | boolean;

/**
 * Checks `raw` for `spec`, returning the normalized value (paths made absolute, `~` expanded)
 * or a `ConfigError` naming the key, the value, what is allowed and where it came from.
 */
export function checkValue(
  spec: KeySpec,
  name: string,
  raw: unknown,
  source: ConfigSource,
  home: string,
): ConfigValue | ConfigError {
  const type = spec.type;
  const problem = (what: string) => {
    const where = describeSource(source);
    return new ConfigError({
      key: name,
      value: raw,
      allowed: describeAllowed(spec),
      source: where,
      message:
        `Invalid ${name} = ${show(raw)} (from ${where}): ${what}. Allowed: ${describeAllowed(spec)}. ` +
        `Fix it in ${where}.`,
    });
  };
  switch (type.kind) {
    case "string":
    case "path": {
      if (typeof raw !== "string") return problem(`expected a string, got ${kindOf(raw)}`);
      const text = raw.trim();
      if (text === "") return problem("it is empty");
      return type.kind === "path" ? expandPath(text, home) : text;
    }
    case "boolean":
      if (typeof raw !== "boolean") return problem(`expected true or false, got ${kindOf(raw)}`);
      return raw;
    case "number": {
      if (typeof raw !== "number" || Number.isNaN(raw)) {
        return problem(`expected a number, got ${kindOf(raw)}`);
      }
      if (type.integer && !Number.isInteger(raw)) return problem("it must be a whole number");
      if (raw < type.min || raw > type.max) {
        return problem(`${name} must be ${type.min}–${type.max} ${type.unit}, got ${raw}`);
      }
      return raw;
    }
    case "choice":
      if (typeof raw !== "string") return problem(`expected a string, got ${kindOf(raw)}`);
      if (!type.values.includes(raw)) return problem("it is not a supported value");
      return raw;
    case "endpoint": {
      if (typeof raw !== "string") return problem(`expected a string, got ${kindOf(raw)}`);
      if (raw === "local") return raw;
      try {
        const url = new URL(raw);
        if (url.protocol !== "http:" && url.protocol !== "https:") {
          return problem("only http and https URLs work");
        }
        return raw.replace(/\/+$/, "");
      } catch {
        return problem("it is not a URL");
      }
    }
  }
}

function expandPath(path: string, home: string): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "object" ? "a table" : `a ${typeof value} (${show(value)})`;
}

function show(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    return String(value);
  }
}
