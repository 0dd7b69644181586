/**
 * Putting the global environment back as the runtime found it, between and after tasks.
 *
 * The runtime's own calls go through `captured_globals.ts`, but the value codec it bundles reads
 * globals (`JSON`, `Map`, `Object.keys`, typed array constructors…) when it runs, and so does
 * Lambda's runtime client when it serialises the answer. A snapshot of the property descriptors
 * of `globalThis` and of the built-in namespaces, taken when the bundle starts (before any task
 * code is loaded), is restored at the start of each invocation, right before each codec call and
 * before the answer is returned (unless no task code can have run since the restore before
 * encoding: a primitive result, answered inline): synchronously, so no timer a task left behind
 * can run between the restore and the use. The restore itself uses only captured functions and index loops, so a
 * patched `Object.is` or array iterator cannot make it skip anything.
 *
 * Not covered: the prototypes of built-ins other than those `captured_globals.ts` binds (a task
 * that rewrites `Array.prototype.map` can break later tasks in the same environment). Tasks that
 * must not share an environment use `function_per_task`.
 *
 * @module
 */
import {
  defineProperty,
  deleteProperty,
  describeProperty,
  ownKeys,
  sameValue,
  setHas,
} from "./captured_globals.ts";

interface Guarded {
  readonly holder: object;
  readonly name: string;
  readonly keys: readonly PropertyKey[];
  readonly descriptors: readonly PropertyDescriptor[];
  /** Set when properties a task adds are removed: on `performance` they shadow the prototype's `now`. */
  readonly known?: Set<PropertyKey>;
}

function snapshot(holder: object, name: string, removeAdded = false): Guarded {
  const keys = ownKeys(holder);
  const descriptors = keys.map((key) => describeProperty(holder, key)!);
  return { holder, name, keys, descriptors, known: removeAdded ? new Set(keys) : undefined };
}

// Taken at module evaluation, which `handler.ts` places before any task code can run.
const GUARDED: readonly Guarded[] = [
  snapshot(globalThis, "globalThis"),
  snapshot(JSON, "JSON"),
  snapshot(Math, "Math"),
  snapshot(Reflect, "Reflect"),
  snapshot(Object, "Object"),
  snapshot(Array, "Array"),
  snapshot(Number, "Number"),
  snapshot(String, "String"),
  snapshot(Promise, "Promise"),
  snapshot(performance, "performance", true),
];

function same(a: PropertyDescriptor, b: PropertyDescriptor | undefined): boolean {
  return b !== undefined && sameValue(a.value, b.value) && a.get === b.get && a.set === b.set &&
    a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
}

/**
 * Restores every snapshotted property that differs from the snapshot, and removes what a task
 * added to `performance`. Properties a task added to `globalThis` stay: the runtime never reads
 * them, and a module task may keep a cache there.
 *
 * @throws {Error} When a task made a property impossible to restore (redefined it as
 * non-configurable): the environment can no longer be trusted, so every invocation fails until
 * Lambda replaces it.
 */
export function restoreGlobals(): void {
  let stuck = "";
  for (let g = 0; g < GUARDED.length; g++) {
    const { holder, name, keys, descriptors, known } = GUARDED[g];
    for (let i = 0; i < keys.length; i++) {
      if (same(descriptors[i], describeProperty(holder, keys[i]))) continue;
      try {
        defineProperty(holder, keys[i], descriptors[i]);
      } catch {
        stuck += `${stuck ? ", " : ""}${name}.${String(keys[i])}`;
      }
    }
    if (known === undefined) continue;
    const present = ownKeys(holder);
    for (let i = 0; i < present.length; i++) {
      if (!setHas(known, present[i]) && !deleteProperty(holder, present[i])) {
        stuck += `${stuck ? ", " : ""}${name}.${String(present[i])}`;
      }
    }
  }
  if (stuck) {
    throw new Error(
      `A task made ${stuck} impossible to restore; this function environment no longer runs tasks. ` +
        "Use function_per_task for tasks that redefine built-ins.",
    );
  }
}
