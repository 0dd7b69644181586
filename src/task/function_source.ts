/**
 * Getting a function's source in a form that evaluates, as an expression, to an equivalent
 * function.
 *
 * @module
 */
import { base, recursive, type RecursiveVisitors } from "acorn-walk";
import { parseFunction } from "./parse_function.ts";
import { UnparsableFunction } from "./unparsable_function.ts";

const NATIVE_CODE = /\{\s*\[native code\]\s*\}\s*$/;

// deno-lint-ignore no-explicit-any
type AnyNode = any;

/** Whether a method body uses `super` itself (not in a nested method or class with its own). */
function usesOwnSuper(method: AnyNode): boolean {
  let found = false;
  const visitors = {
    Super() {
      found = true;
    },
    Function(
      node: AnyNode,
      state: unknown,
      walk: (node: AnyNode, state: unknown, override?: string) => void,
    ) {
      if (node === method || node.type === "ArrowFunctionExpression") {
        (base as AnyNode).Function(node, state, walk);
      }
    },
    Class() {},
  };
  recursive(method, undefined, visitors as unknown as RecursiveVisitors<unknown>, base);
  return found;
}

function refuse(message: string, reason: string, source: string): never {
  throw new UnparsableFunction(message, reason, source);
}

/**
 * Returns a function's source text as an expression that evaluates to an equivalent function:
 * `fn.toString()` itself for arrow functions, function and class expressions and declarations;
 * for method shorthand (`foo(a) { … }`, `async *foo() {}`, `get x() {}`), which is not an
 * expression on its own, the same parameters and body as a function expression (`async
 * function* (a) { … }`). The result also suits `findFreeVariables`.
 *
 * @param fn The function.
 * @returns Source usable as `(${source})`.
 * @throws {UnparsableFunction} When the function is built in or bound (its source reads
 *   `[native code]`), is a method that uses `super` (whose object does not travel), or its
 *   source does not parse.
 *
 * @example
 * ```ts
 * const tasks = { double(x: number) { return x * 2; } };
 * functionSourceOf(tasks.double); // "function (x) { return x * 2; }"
 * ```
 */
export function functionSourceOf(fn: (...args: never[]) => unknown): string {
  const source = Function.prototype.toString.call(fn);
  const name = typeof fn.name === "string" ? fn.name : "";
  if (NATIVE_CODE.test(source)) {
    const callee = name.replace(/^bound /, "") || "f";
    refuse(
      `Cannot ship function "${name}": its source is not available ([native code]). Built-in and bound ` +
        `functions cannot be sent to Lambda; wrap the call in a function of your own, e.g. (x) => ${callee}(x)`,
      "its source is not available ([native code])",
      source,
    );
  }
  const parsed = parseFunction(source);
  if (parsed.form === "expression") return source;
  const root = parsed.root as AnyNode;
  if (usesOwnSuper(root)) {
    refuse(
      `Cannot ship method "${name}": it uses super, which refers to the object the method was defined ` +
        "in, and that object does not travel to Lambda",
      "a method that uses super",
      source,
    );
  }
  const parametersAndBody = parsed.text.slice(root.start, root.end);
  return `${root.async ? "async " : ""}function${root.generator ? "*" : ""} ${parametersAndBody}`;
}
