/**
 * Turning a task's value into plain JSON for callers outside TypeScript (Covalent's Python
 * side, shell scripts): the structured-clone kinds JSON lacks get the nearest JSON shape.
 *
 * @module
 */
import { encodeBase64 } from "../task/base64.ts";

/**
 * The JSON text of a value: Date → ISO string, BigInt → decimal string, Map → object (or
 * `[key, value]` pairs when a key is not a string), Set → array, bytes → base64 string,
 * `undefined`/NaN/±Infinity → null, Error → `{ name, message }`, cycles → `"[Circular]"`.
 *
 * @param value The value.
 * @param indent Spaces of indentation (0: one line).
 * @returns JSON text.
 */
export function toJsonText(value: unknown, indent = 0): string {
  return JSON.stringify(toJson(value, new Set()), null, indent) ?? "null";
}

function toJson(value: unknown, seen: Set<object>): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return null;
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (ArrayBuffer.isView(value)) {
      return encodeBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
    if (value instanceof ArrayBuffer) return encodeBase64(new Uint8Array(value));
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (value instanceof Set) return [...value].map((item) => toJson(item, seen));
    if (value instanceof Map) {
      const entries = [...value];
      return entries.every(([key]) => typeof key === "string")
        ? Object.fromEntries(entries.map(([key, item]) => [key, toJson(item, seen)]))
        : entries.map(([key, item]) => [toJson(key, seen), toJson(item, seen)]);
    }
    if (Array.isArray(value)) return value.map((item) => toJson(item, seen));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item, seen)]));
  } finally {
    seen.delete(value);
  }
}
