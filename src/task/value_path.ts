/**
 * The path notation of `UnencodableValue`: JavaScript accessor syntax from a root name, with
 * angle-bracket steps where JavaScript has no accessor (Map keys, Set members).
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/**
 * One step from a value to a part of it: a number is an array index (`[3]`), a string a property
 * name (`.name` or `["odd name"]`), and a `{ text }` a step written out already (`.get("k")`,
 * `<Set member #2>`).
 */
export type PathStep = number | string | { readonly text: string };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Writes a path.
 *
 * @param root The name of the whole value, e.g. `"args"`.
 * @param steps The steps from the root.
 * @returns E.g. `args[1].user["first name"]`.
 *
 * @example
 * ```ts
 * renderPath("args", [1, "user", { text: '.get("k")' }]); // 'args[1].user.get("k")'
 * ```
 */
export function renderPath(root: string, steps: readonly PathStep[]): string {
  let path = root;
  for (const step of steps) {
    if (typeof step === "number") path += `[${step}]`;
    else if (typeof step === "string") {
      path += IDENTIFIER.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    } else path += step.text;
  }
  return path;
}

/**
 * The step to a Map value: `.get(key)` when the key is a primitive that prints unambiguously,
 * else `<Map value #i>`.
 *
 * @param key The Map key.
 * @param index The entry's position in the Map.
 */
export function mapValueStep(key: unknown, index: number): PathStep {
  switch (typeof key) {
    case "string":
      return { text: `.get(${JSON.stringify(key)})` };
    case "number":
    case "boolean":
      return { text: `.get(${Object.is(key, -0) ? "-0" : String(key)})` };
    case "bigint":
      return { text: `.get(${key}n)` };
    case "undefined":
      return { text: ".get(undefined)" };
    default:
      return key === null ? { text: ".get(null)" } : { text: `<Map value #${index}>` };
  }
}
