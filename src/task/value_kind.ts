/**
 * Telling apart the kinds of objects the value format carries, by internal brand rather than by
 * `instanceof` alone, so that an object merely inheriting from `Date.prototype` is not taken for a
 * Date.
 *
 * Self-contained (no imports): it is bundled into the code that runs inside Lambda.
 *
 * @module
 */

/** What an object is, as far as encoding is concerned. */
export type ObjectKind =
  | { readonly kind: "Array" | "Object" | "Date" | "RegExp" | "Map" | "Set" | "ArrayBuffer" | "DataView" }
  | { readonly kind: "Error" | "Boolean" | "Number" | "String" | "BigInt" }
  | { readonly kind: "TypedArray"; readonly name: string; readonly exact: boolean }
  | { readonly kind: "Refused"; readonly reason: string };

// deno-lint-ignore no-explicit-any
type Getter = (this: any) => unknown;

function getterOf(prototype: object, key: PropertyKey): Getter {
  return Object.getOwnPropertyDescriptor(prototype, key)!.get as Getter;
}

const typedArrayTag = getterOf(Object.getPrototypeOf(Int8Array.prototype), Symbol.toStringTag);
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, "byteLength");
const dataViewByteLength = getterOf(DataView.prototype, "byteLength");
const mapSize = getterOf(Map.prototype, "size");
const setSize = getterOf(Set.prototype, "size");
const regExpSource = getterOf(RegExp.prototype, "source");
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === "function"
  ? getterOf(SharedArrayBuffer.prototype, "byteLength")
  : undefined;

function hasBrand(check: Getter | undefined, value: object): boolean {
  if (check === undefined) return false;
  try {
    check.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `value` is an Error (any subclass): `Error.isError` where the runtime has it, else
 * `instanceof`.
 */
export function isError(value: object): boolean {
  const native = (Error as unknown as { isError?: (value: unknown) => boolean }).isError;
  return typeof native === "function" ? native(value) : value instanceof Error;
}

/**
 * Names the typed array type of `value` (`"Uint8Array"`, …), or `undefined` when it is not a
 * typed array. Subclasses such as Node's `Buffer` report their base type.
 */
export function typedArrayName(value: object): string | undefined {
  return typedArrayTag.call(value) as string | undefined;
}

const SUPPORTED =
  "only plain objects, arrays and built-in values (Date, RegExp, Map, Set, Error, ArrayBuffer, " +
  "typed arrays, DataView, boxed primitives) survive the trip, so convert it to one of those first";

function className(prototype: object): string {
  const constructor = (prototype as { constructor?: unknown }).constructor;
  const name = typeof constructor === "function" ? constructor.name : "";
  return name === "" ? "(anonymous class)" : name;
}

function refusedKind(value: object, prototype: object): ObjectKind {
  if (hasBrand(sharedArrayBufferByteLength, value)) {
    return {
      kind: "Refused",
      reason: "a SharedArrayBuffer cannot be sent to Lambda; memory cannot be shared with another " +
        "machine, so copy it into an ArrayBuffer",
    };
  }
  if (value instanceof Promise) {
    return { kind: "Refused", reason: "a Promise cannot be sent to Lambda; await it and send its value" };
  }
  for (const weak of ["WeakMap", "WeakSet", "WeakRef"]) {
    const constructor = (globalThis as Record<string, unknown>)[weak];
    if (typeof constructor === "function" && value instanceof constructor) {
      return {
        kind: "Refused",
        reason: `a ${weak} cannot be sent to Lambda; its contents cannot be enumerated`,
      };
    }
  }
  if (hasBrand(Symbol.prototype.valueOf as Getter, value)) {
    return { kind: "Refused", reason: "symbols cannot be sent to Lambda; a symbol is unique to one process" };
  }
  return {
    kind: "Refused",
    reason: `an instance of class ${className(prototype)} cannot be sent to Lambda; ${SUPPORTED}`,
  };
}

/**
 * Classifies a non-null object for the encoder.
 *
 * @param value The object.
 * @returns Its kind; `Refused` carries the reason shown to the user.
 *
 * @example
 * ```ts
 * objectKind(new Map()); // { kind: "Map" }
 * objectKind(new WeakMap()); // { kind: "Refused", reason: "a WeakMap cannot be sent to Lambda; …" }
 * ```
 */
export function objectKind(value: object): ObjectKind {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return { kind: "Object" };
  if (prototype === Array.prototype && Array.isArray(value)) return { kind: "Array" };
  const branded = brandedKind(value, prototype);
  if (branded !== undefined) return branded;
  const typedName = typedArrayName(value);
  if (typedName !== undefined) {
    const constructor = (globalThis as Record<string, unknown>)[typedName] as { prototype: object };
    return { kind: "TypedArray", name: typedName, exact: prototype === constructor.prototype };
  }
  if (isError(value)) return { kind: "Error" };
  return refusedKind(value, prototype);
}

function brandedKind(value: object, prototype: object): ObjectKind | undefined {
  switch (prototype) {
    case Date.prototype:
      return hasBrand(Date.prototype.getTime as Getter, value) ? { kind: "Date" } : undefined;
    case RegExp.prototype:
      return hasBrand(regExpSource, value) ? { kind: "RegExp" } : undefined;
    case Map.prototype:
      return hasBrand(mapSize, value) ? { kind: "Map" } : undefined;
    case Set.prototype:
      return hasBrand(setSize, value) ? { kind: "Set" } : undefined;
    case ArrayBuffer.prototype:
      return hasBrand(arrayBufferByteLength, value) ? { kind: "ArrayBuffer" } : undefined;
    case DataView.prototype:
      return hasBrand(dataViewByteLength, value) ? { kind: "DataView" } : undefined;
    case Boolean.prototype:
      return hasBrand(Boolean.prototype.valueOf as Getter, value) ? { kind: "Boolean" } : undefined;
    case Number.prototype:
      return hasBrand(Number.prototype.valueOf as Getter, value) ? { kind: "Number" } : undefined;
    case String.prototype:
      return hasBrand(String.prototype.valueOf as Getter, value) ? { kind: "String" } : undefined;
    case BigInt.prototype:
      return hasBrand(BigInt.prototype.valueOf as Getter, value) ? { kind: "BigInt" } : undefined;
    default:
      return undefined;
  }
}
