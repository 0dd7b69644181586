import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { describe, test } from "node:test";
import { findFreeVariables, functionSourceOf, UnparsableFunction } from "../../src/task/free_variables.ts";

/** Each case: a function's source and the free variables expected in it. */
function expectFree(cases: readonly (readonly [string, readonly string[]])[]): void {
  for (const [source, expected] of cases) deepStrictEqual(findFreeVariables(source), expected, source);
}

describe("findFreeVariables()", () => {
  test("findFreeVariables() finds captured names when a function reads variables it does not declare", () => {
    expectFree([
      ["(a) => a + rate", ["rate"]],
      ["function (a) { return a * factor + offset + factor; }", ["factor", "offset"]],
      ["async function* gen() { yield await load(zeta); }", ["load", "zeta"]],
      ["() => { total = 1; }", ["total"]],
      ["() => { [first, ...rest] = list; ({ key: value } = other); }", [
        "first",
        "list",
        "other",
        "rest",
        "value",
      ]],
      ["() => { count++; delete cache; }", ["cache", "count"]],
    ]);
  });

  test("findFreeVariables() returns nothing when everything used is a parameter or a known global", () => {
    expectFree([
      ["(a, b) => a + b", []],
      ["async (url) => (await fetch(new URL(url))).json()", []],
      [
        "() => [console, process, Buffer, TextEncoder, setTimeout, structuredClone, crypto, performance, " +
        "AbortController, Math, JSON, Promise, globalThis, undefined, NaN, Infinity, WebAssembly, Intl]",
        [],
      ],
      ["(x) => import('node:fs').then((fs) => fs.readFileSync(x))", []],
    ]);
  });

  test("findFreeVariables() hoists var and function declarations when they come after their use", () => {
    expectFree([
      ["() => { helper(); x = 2; if (true) { var x; } function helper() {} }", []],
      ["function () { for (var i = 0; i < 3; i++) {} return i; }", []],
      ["() => { { function inner() {} } return inner; }", ["inner"]],
    ]);
  });

  test("findFreeVariables() keeps let, const and class inside their block when used outside it", () => {
    expectFree([
      ["() => { { let a = 1; const b = 2; class C {} } return [a, b, C]; }", ["C", "a", "b"]],
      ["() => { let a = 1; { return a; } }", []],
      ["() => { for (let i = 0; i < 2; i++) {} return i; }", ["i"]],
      ["() => { for (const item of items) use(item); }", ["items", "use"]],
      ["(k) => { switch (k) { case 1: let hit = 1; return hit; default: return miss; } }", ["miss"]],
    ]);
  });

  test("findFreeVariables() scopes catch parameters to their handler when they are read elsewhere", () => {
    expectFree([
      ["() => { try { risky(); } catch (error) { return error; } }", ["risky"]],
      ["() => { try {} catch ({ message, code = fallback }) { return message + code; } }", ["fallback"]],
      ["() => { try {} catch (error) {} return error; }", ["error"]],
    ]);
  });

  test("findFreeVariables() declares destructured names and reads their defaults when patterns are used", () => {
    expectFree([
      ["({ a, b: [c, { d }], ...rest }) => a + c + d + rest", []],
      ["({ a = defaultA, [keyName]: b } = fallback) => a + b", ["defaultA", "fallback", "keyName"]],
      ["() => { const { x = y, y = 1 } = source; return x; }", ["source"]],
      ["(a = b, b = 1) => a", []],
      ["(a = later) => { var later; return a; }", ["later"]],
    ]);
  });

  test("findFreeVariables() ignores labels, property names and member names when they look like variables", () => {
    expectFree([
      ["() => { outer: for (;;) { inner: while (true) { break outer; continue inner; } } }", []],
      ["(o) => o.notAVariable + o?.alsoNot + o['literal']", []],
      ["() => ({ key: 1, 'quoted': 2, 3: 3, get g() { return 4; }, method() {} })", []],
      ["(o) => o[computedKey] + ({ [dynamic]: 1 })", ["computedKey", "dynamic"]],
      [
        "() => class { field = 1; #secret = 2; static s = 3; read() { return this.#secret + (#secret in this); } }",
        [],
      ],
    ]);
  });

  test("findFreeVariables() does not count this, arguments and meta properties when a function uses them", () => {
    expectFree([
      ["function () { return this.x + arguments.length + new.target; }", []],
      ["function () { return () => arguments[0]; }", []],
      ["() => arguments", ["arguments"]],
      ["() => import.meta.url", []],
    ]);
  });

  test("findFreeVariables() reads shorthand properties when an object literal names a variable", () => {
    expectFree([["(a) => ({ a, b, c: 1 })", ["b"]], ["() => { const { z } = { y }; return z; }", ["y"]]]);
  });

  test("findFreeVariables() still counts typeof operands when they are not known globals", () => {
    expectFree([["() => typeof maybeDefined === 'undefined'", ["maybeDefined"]], ["() => typeof window", [
      "window",
    ]]]);
    expectFree([["() => typeof fetch", []]]);
  });

  test("findFreeVariables() treats require and Deno as captured when a task uses them", () => {
    expectFree([["() => require('fs')", ["require"]], ["() => Deno.env.get('X')", ["Deno"]]]);
  });

  test("findFreeVariables() follows class and function names when they refer to themselves", () => {
    expectFree([
      ["class Counter extends Base { static make() { return new Counter(); } run() { return helper; } }", [
        "Base",
        "helper",
      ]],
      ["function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }", []],
      ["() => { class Local { static self = Local; } return new Local(); }", []],
      ["() => { class A { static { var inStatic = 1; } } return inStatic; }", ["inStatic"]],
    ]);
  });

  test("findFreeVariables() parses method shorthand when fn.toString() gives a method", () => {
    expectFree([
      ["run(input) { return input * scale; }", ["scale"]],
      ["async *stream(n) { yield* source(n); }", ["source"]],
      ["get value() { return hidden; }", ["hidden"]],
      ["set value(v) { store = v; }", ["store"]],
      ["[Symbol.iterator]() { return items.values(); }", ["items"]],
      ["'quoted name'(a) { return a; }", []],
    ]);
  });

  test("findFreeVariables() parses sources when they end in a line comment or use sloppy-mode syntax", () => {
    expectFree([["(a) => a // trailing comment", []], ["function (o) { with (o) { return x; } }", ["x"]]]);
  });

  test("findFreeVariables() throws UnparsableFunction with the parser's message when the source is broken", () => {
    throws(() => findFreeVariables("(a) => {"), (error) => {
      ok(error instanceof UnparsableFunction);
      strictEqual(error.parserMessage, "Unexpected token at the end of the source");
      strictEqual(error.source, "(a) => {");
      return true;
    });
    throws(() => findFreeVariables("(a) => a +* 2"), /Unexpected token at line 1, column 11/);
    throws(() => findFreeVariables("1 + 2"), /not one function, class or method/);
    throws(() => findFreeVariables("(a) => a, (b) => b"), UnparsableFunction);
  });
});

describe("functionSourceOf()", () => {
  test("functionSourceOf() returns fn.toString() when it is already an expression", () => {
    const arrow = (a: number) => a + 1;
    strictEqual(functionSourceOf(arrow), arrow.toString());
    function declared(a: number) {
      return a * 2;
    }
    strictEqual(functionSourceOf(declared), declared.toString());
    strictEqual((0, eval)(`(${functionSourceOf(declared)})`)(4), 8);
  });

  test("functionSourceOf() turns method shorthand into a function expression when given a method", async () => {
    const methods = {
      double(x: number) {
        return x * 2;
      },
      async *count(n: number) {
        for (let i = 0; i < n; i++) yield i;
      },
      get size() {
        return 3;
      },
    };
    const double = (0, eval)(`(${functionSourceOf(methods.double)})`);
    strictEqual(double(21), 42);
    const count = (0, eval)(`(${functionSourceOf(methods.count)})`);
    const seen: number[] = [];
    for await (const i of count(3)) seen.push(i);
    deepStrictEqual(seen, [0, 1, 2]);
    const getter = Object.getOwnPropertyDescriptor(methods, "size")!.get!;
    strictEqual((0, eval)(`(${functionSourceOf(getter)})`)(), 3);
    deepStrictEqual(findFreeVariables(functionSourceOf(methods.double)), []);
  });

  test("functionSourceOf() refuses built-in and bound functions when their source is native code", () => {
    throws(() => functionSourceOf(Math.max), (error) => {
      ok(error instanceof UnparsableFunction);
      ok(error.message.includes('Cannot ship function "max": its source is not available ([native code])'));
      ok(error.message.includes("(x) => max(x)"));
      return true;
    });
    const bound = function (this: unknown) {
      return this;
    }.bind(null);
    throws(() => functionSourceOf(bound), /Built-in and bound functions cannot be sent to Lambda/);
  });

  test("functionSourceOf() refuses a method when it uses super", () => {
    const base = {
      greet() {
        return "hi";
      },
    };
    const child = {
      __proto__: base,
      greet() {
        return super.greet() + "!";
      },
    };
    throws(() => functionSourceOf(child.greet), /it uses super/);
  });
});
