/**
 * Finding the variables a function uses from outside its own body: what it would capture, and
 * therefore what would be missing when only its source text travels to Lambda.
 *
 * @module
 */
import { base, recursive, type RecursiveVisitors } from "acorn-walk";
import { KNOWN_GLOBALS } from "./known_globals.ts";
import { parseFunction } from "./parse_function.ts";

export { functionSourceOf } from "./function_source.ts";
export { UnparsableFunction } from "./unparsable_function.ts";

// deno-lint-ignore no-explicit-any
type AnyNode = any;
type Walk = (node: AnyNode, scope: Scope, override?: string) => void;
type Visitor = (node: AnyNode, scope: Scope, walk: Walk) => void;

// acorn-walk's node-by-node typings do not fit a walker that passes scopes around; its runtime
// contract is just this.
const walkers = base as unknown as Record<string, Visitor>;

/** A lexical scope: the names declared in it, and whether `var` declarations land in it. */
class Scope {
  readonly names = new Set<string>();
  constructor(readonly parent: Scope | undefined, readonly hoistsVar: boolean) {}

  varScope(): Scope {
    return this.hoistsVar || this.parent === undefined ? this : this.parent.varScope();
  }

  declares(name: string): boolean {
    return this.names.has(name) || (this.parent !== undefined && this.parent.declares(name));
  }
}

interface Reference {
  readonly name: string;
  readonly scope: Scope;
}

/** Declares the names bound by a pattern; default values and computed keys are read in `readScope`. */
function declarePattern(pattern: AnyNode, into: Scope, readScope: Scope, walk: Walk): void {
  switch (pattern.type) {
    case "Identifier":
      into.names.add(pattern.name);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        if (property.type === "RestElement") {
          declarePattern(property.argument, into, readScope, walk);
          continue;
        }
        if (property.computed) walk(property.key, readScope, "Expression");
        declarePattern(property.value, into, readScope, walk);
      }
      return;
    case "ArrayPattern":
      for (const element of pattern.elements) if (element) declarePattern(element, into, readScope, walk);
      return;
    case "RestElement":
      declarePattern(pattern.argument, into, readScope, walk);
      return;
    case "AssignmentPattern":
      declarePattern(pattern.left, into, readScope, walk);
      walk(pattern.right, readScope, "Expression");
      return;
    default:
      walk(pattern, readScope, "Expression");
  }
}

function blockScoped(build: Visitor): Visitor {
  return (node, scope, walk) => build(node, new Scope(scope, false), walk);
}

function visitors(references: Reference[]): Record<string, Visitor> {
  const reference: Visitor = (node, scope) => references.push({ name: node.name, scope });
  return {
    // Reached only where an identifier is read or assigned: declarations are handled below,
    // and property names, labels and member names are never walked as identifiers.
    Identifier: reference,
    VariablePattern: reference,
    VariableDeclaration(node, scope, walk) {
      const into = node.kind === "var" ? scope.varScope() : scope;
      for (const declarator of node.declarations) {
        declarePattern(declarator.id, into, scope, walk);
        if (declarator.init) walk(declarator.init, scope, "Expression");
      }
    },
    Function(node, scope, walk) {
      if (node.type === "FunctionDeclaration" && node.id) scope.names.add(node.id.name);
      // Parameters get their own scope: their defaults cannot see the body's declarations.
      const parameters = new Scope(scope, false);
      if (node.type === "FunctionExpression" && node.id) parameters.names.add(node.id.name);
      if (node.type !== "ArrowFunctionExpression") parameters.names.add("arguments");
      for (const parameter of node.params) declarePattern(parameter, parameters, parameters, walk);
      const body = new Scope(parameters, true);
      if (node.expression) walk(node.body, body, "Expression");
      else for (const statement of node.body.body) walk(statement, body, "Statement");
    },
    Class(node, scope, walk) {
      if (node.type === "ClassDeclaration" && node.id) scope.names.add(node.id.name);
      const inner = new Scope(scope, false);
      if (node.type === "ClassExpression" && node.id) inner.names.add(node.id.name);
      if (node.superClass) walk(node.superClass, inner, "Expression");
      walk(node.body, inner);
    },
    StaticBlock(node, scope, walk) {
      walkers.StaticBlock(node, new Scope(scope, true), walk);
    },
    CatchClause: blockScoped((node, scope, walk) => {
      if (node.param) declarePattern(node.param, scope, scope, walk);
      walk(node.body, scope, "Statement");
    }),
    BlockStatement: blockScoped((node, scope, walk) => walkers.BlockStatement(node, scope, walk)),
    ForStatement: blockScoped((node, scope, walk) => walkers.ForStatement(node, scope, walk)),
    ForInStatement: blockScoped((node, scope, walk) => walkers.ForInStatement(node, scope, walk)),
    ForOfStatement: blockScoped((node, scope, walk) => walkers.ForOfStatement(node, scope, walk)),
    SwitchStatement(node, scope, walk) {
      walk(node.discriminant, scope, "Expression");
      const cases = new Scope(scope, false);
      for (const switchCase of node.cases) walk(switchCase, cases);
    },
  };
}

/**
 * Lists the variables a function's source uses without declaring them: not its parameters, not
 * anything declared inside it, and not a known global of Lambda's Node.js runtime
 * (`KNOWN_GLOBALS`). Those are the values the function captures from where it was written, which
 * do not travel with its source.
 *
 * Scoping follows the language: `var` and function parameters are function-scoped, `let`,
 * `const`, `class` and function declarations block-scoped (strict-mode semantics, as in every ES
 * module), catch parameters, destructuring with defaults, named function and class expressions,
 * and `arguments` inside non-arrow functions are all declarations. Labels, property names,
 * `this`, `super`, `new.target`, `import.meta` and `import()` are not variables. `{ x }`
 * reads `x`. `typeof x` still counts `x` as free unless it is a known global: the function would
 * not see the value it was written next to. Direct `eval` can reach variables no parser can see;
 * it is not flagged.
 *
 * @param source A function's source, as `fn.toString()` gives it: an arrow function, a function
 *   or class expression or declaration (async and generator too), or method shorthand.
 * @returns The free variable names, sorted, each once.
 * @throws {UnparsableFunction} When the source does not parse as one function.
 *
 * @example
 * ```ts
 * const rate = 0.2;
 * findFreeVariables(((price: number) => price * rate).toString()); // ["rate"]
 * findFreeVariables("(xs) => xs.map((x) => Math.max(x, 0))"); // []
 * ```
 */
export function findFreeVariables(source: string): string[] {
  const { root } = parseFunction(source);
  const references: Reference[] = [];
  const outside = new Scope(undefined, true);
  recursive<Scope>(root, outside, visitors(references) as unknown as RecursiveVisitors<Scope>, base);
  const free = new Set<string>();
  for (const { name, scope } of references) {
    if (!KNOWN_GLOBALS.has(name) && !scope.declares(name)) free.add(name);
  }
  return [...free].sort();
}
