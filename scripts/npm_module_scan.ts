/**
 * Reading an emitted `.js` or `.d.ts` file's syntax tree: the modules it imports, and the uses
 * of `Deno` and of compiler helpers that would make it unfit for Node or for `fn.toString()`.
 * Comments and string contents are never mistaken for code.
 *
 * @module
 */
import ts from "typescript";

/** One module specifier written in a file. */
export interface ModuleReference {
  /** The specifier, e.g. `"./src/task/task.js"`, `"effect"`, `"node:fs"`. */
  readonly specifier: string;
  /** Offset of the specifier's first character (inside the quotes). */
  readonly start: number;
  /** Offset just past its last character. */
  readonly end: number;
}

/** A questionable piece of code, with its 1-based line. */
export interface CodeFinding {
  /** 1-based line. */
  readonly line: number;
  /** The code, e.g. `Deno.env` or `__awaiter`. */
  readonly text: string;
}

/** What a file imports and what it should not contain. */
export interface ModuleScan {
  /** Static imports and re-exports, literal dynamic imports and `import("…")` types. */
  readonly references: readonly ModuleReference[];
  /** Dynamic imports whose specifier is not a string literal. */
  readonly computedImports: readonly CodeFinding[];
  /** Uses of the Deno namespace (`Deno.x`, `globalThis.Deno.x`); detection is allowed. */
  readonly denoUses: readonly CodeFinding[];
  /** References to helpers the compiler injects when it downlevels (`__awaiter`, `__name`, …). */
  readonly helperUses: readonly CodeFinding[];
}

// tslib's helpers plus esbuild's `__name`: none may appear, since code is shipped as its text.
const HELPER_NAMES =
  /^__(awaiter|generator|rest|spread|spreadArray|spreadArrays|assign|extends|decorate|param|metadata|values|read|await|asyncGenerator|asyncDelegator|asyncValues|makeTemplateObject|importStar|importDefault|createBinding|setModuleDefault|exportStar|classPrivateField\w*|addDisposableResource|disposeResources|rewriteRelativeImportExtension|esDecorate|runInitializers|setFunctionName|propKey|name|publicField|privateIn)$/;

function isDenoAccess(node: ts.Identifier): boolean {
  const parent = node.parent;
  const accessed = (target: ts.Node) =>
    (ts.isPropertyAccessExpression(target.parent) || ts.isElementAccessExpression(target.parent)) &&
    target.parent.expression === target;
  // `globalThis.Deno` alone is detection; `globalThis.Deno.env` is use.
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return accessed(parent);
  // A key in an object literal, a type or a declaration names something else.
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent)) && parent.name === node
  ) return false;
  if (ts.isTypeOfExpression(parent)) return false;
  return true;
}

/**
 * Scans one emitted file.
 *
 * @example
 * ```ts
 * const scan = scanModule("mod.js", await readFile("npm/esm/mod.js", "utf8"));
 * console.log(scan.references.map((r) => r.specifier));
 * ```
 *
 * @param fileName The file's name (its extension picks JavaScript or declarations).
 * @param text Its contents.
 * @returns Its module references and findings.
 */
export function scanModule(fileName: string, text: string): ModuleScan {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const references: ModuleReference[] = [];
  const computedImports: CodeFinding[] = [];
  const denoUses: CodeFinding[] = [];
  const helperUses: CodeFinding[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const addLiteral = (literal: ts.Node | undefined) => {
    if (literal === undefined || !ts.isStringLiteralLike(literal)) return false;
    references.push({
      specifier: literal.text,
      start: literal.getStart(source) + 1,
      end: literal.getEnd() - 1,
    });
    return true;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      addLiteral(node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      if (!addLiteral(node.arguments[0])) {
        computedImports.push({ line: lineOf(node), text: node.getText(source).slice(0, 80) });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      addLiteral(node.argument.literal);
    } else if (ts.isExternalModuleReference(node)) {
      addLiteral(node.expression);
    } else if (ts.isIdentifier(node)) {
      if (node.text === "Deno" && isDenoAccess(node)) {
        denoUses.push({ line: lineOf(node), text: node.parent.getText(source).slice(0, 80) });
      } else if (HELPER_NAMES.test(node.text)) {
        helperUses.push({ line: lineOf(node), text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { references, computedImports, denoUses, helperUses };
}

/**
 * Replaces module specifiers in a file's text, keeping everything else byte for byte.
 *
 * @example
 * ```ts
 * const text = rewriteSpecifiers(dts, scan.references, (s) => s.replace(/\.ts$/, ".js"));
 * ```
 *
 * @param text The file's contents.
 * @param references Its references, from `scanModule` of the same text.
 * @param rewrite The new specifier for each one (return it unchanged to keep it).
 * @returns The new contents.
 */
export function rewriteSpecifiers(
  text: string,
  references: readonly ModuleReference[],
  rewrite: (specifier: string) => string,
): string {
  let result = "";
  let last = 0;
  for (const reference of [...references].sort((a, b) => a.start - b.start)) {
    result += text.slice(last, reference.start) + rewrite(reference.specifier);
    last = reference.end;
  }
  return result + text.slice(last);
}
