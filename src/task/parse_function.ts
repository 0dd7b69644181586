/**
 * Parsing what `Function.prototype.toString` gives back into the syntax tree of one function.
 *
 * @module
 */
import { parse, type Program } from "acorn";
import { UnparsableFunction } from "./unparsable_function.ts";

/** A node of the ESTree syntax tree acorn builds (the fields every node has). */
export interface SyntaxNode {
  /** The node type, e.g. `"ArrowFunctionExpression"`. */
  readonly type: string;
  /** Offset of its first character in the parsed text. */
  readonly start: number;
  /** Offset just past its last character in the parsed text. */
  readonly end: number;
}

/** A function source parsed into its syntax tree. */
export interface ParsedFunction {
  /** The function (or class) node; positions are in `text`, not in the original source. */
  readonly root: SyntaxNode;
  /**
   * `expression` when the source is a function or class expression as it stands; `method` when it
   * is method shorthand (`foo(a) { … }`, `async *foo() {}`, `get x() {}`), which only parses inside
   * an object literal.
   */
  readonly form: "expression" | "method";
  /** For `method`: `init`, `get` or `set`. */
  readonly methodKind?: "init" | "get" | "set";
  /** The text that was parsed. */
  readonly text: string;
  /** Where the original source starts inside `text`. */
  readonly offset: number;
}

interface Attempt {
  readonly form: "expression" | "method";
  readonly prefix: string;
  readonly suffix: string;
}

// The newline before the closing bracket lets a source end in a line comment.
const ATTEMPTS: readonly Attempt[] = [
  { form: "expression", prefix: "(", suffix: "\n)" },
  { form: "method", prefix: "({", suffix: "\n})" },
];
const FUNCTION_TYPES = new Set(["FunctionExpression", "ArrowFunctionExpression", "ClassExpression"]);

interface SyntaxProblem {
  readonly message: string;
  readonly position: number;
}

// deno-lint-ignore no-explicit-any
type AnyNode = any;

function shapeOf(program: Program, attempt: Attempt, text: string): ParsedFunction | undefined {
  const offset = attempt.prefix.length;
  if (program.body.length !== 1 || program.body[0].type !== "ExpressionStatement") return undefined;
  const expression: AnyNode = program.body[0].expression;
  if (attempt.form === "expression") {
    // Inside the brackets, one statement whose expression starts where the source does is the
    // whole source (trailing comments aside): `a => a) + (b` would parse as a wider expression.
    return expression.start === offset && FUNCTION_TYPES.has(expression.type)
      ? { root: expression, form: "expression", text, offset }
      : undefined;
  }
  if (expression.type !== "ObjectExpression" || expression.properties.length !== 1) return undefined;
  const property = expression.properties[0];
  const isMethod = property.type === "Property" && (property.method || property.kind !== "init");
  if (!isMethod || property.start !== offset) return undefined;
  return { root: property.value, form: "method", methodKind: property.kind, text, offset };
}

function parseAttempt(source: string, attempt: Attempt): ParsedFunction | SyntaxProblem {
  const text = attempt.prefix + source + attempt.suffix;
  let first: SyntaxProblem | undefined;
  // Script first (sloppy-mode sources parse there), then module (for `import.meta`).
  for (const sourceType of ["script", "module"] as const) {
    try {
      const program = parse(text, { ecmaVersion: "latest", sourceType });
      const shape = shapeOf(program, attempt, text);
      if (shape !== undefined) return shape;
      // It parsed, just not as one function: that says more than any other attempt's syntax error.
      first ??= { message: "the source is not one function, class or method", position: Infinity };
    } catch (error) {
      const { message, pos } = error as { message: string; pos?: number };
      first ??= {
        message: message.replace(/ \(\d+:\d+\)$/, ""),
        position: (pos ?? 0) - attempt.prefix.length,
      };
    }
  }
  return first!;
}

function describePosition(source: string, position: number): string {
  if (position === Infinity) return "";
  if (position >= source.length) return " at the end of the source";
  const before = source.slice(0, Math.min(position, source.length)).split("\n");
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Parses a function's source text: an arrow function, a function or class expression or
 * declaration, or method shorthand.
 *
 * @param source What `fn.toString()` returned.
 * @returns The function's syntax tree and how it was wrapped to parse.
 * @throws {UnparsableFunction} When the source is not one function.
 *
 * @example
 * ```ts
 * parseFunction("foo(a) { return a; }").form; // "method"
 * ```
 */
export function parseFunction(source: string): ParsedFunction {
  const problems: SyntaxProblem[] = [];
  for (const attempt of ATTEMPTS) {
    const result = parseAttempt(source, attempt);
    if ("root" in result) return result;
    problems.push(result);
  }
  // The attempt that read furthest is the likeliest reading of what was meant.
  const best = problems.reduce((a, b) => (b.position > a.position ? b : a));
  const parserMessage = best.message + describePosition(source, best.position);
  throw new UnparsableFunction(`Cannot parse the function's source: ${parserMessage}`, parserMessage, source);
}
