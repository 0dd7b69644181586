import { ok, strictEqual } from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeValue, encodeValue, MalformedEncoding, UnencodableValue } from "../../src/task/value_codec.ts";

/** Encodes and returns the refusal, failing when there is none. */
function refusal(value: unknown, root?: string): UnencodableValue {
  try {
    encodeValue(value, root);
  } catch (error) {
    ok(error instanceof UnencodableValue, `expected UnencodableValue, got ${error}`);
    return error;
  }
  throw new Error("the value was encoded");
}

/** Decodes and returns the MalformedEncoding, failing when there is none. */
function malformed(text: string): MalformedEncoding {
  try {
    decodeValue(text);
  } catch (error) {
    ok(error instanceof MalformedEncoding, `expected MalformedEncoding, got ${error}`);
    return error;
  }
  throw new Error("the text was decoded");
}

function document(value: unknown, version: unknown = 1): string {
  return JSON.stringify({ format: "covalent.value", version, value });
}

describe("encodeValue() refusals", () => {
  test("encodeValue() names the path and says why when a function is nested in the arguments", () => {
    const problem = refusal([1, { user: { callback: () => 1 } }], "args");
    strictEqual(problem.path, "args[1].user.callback");
    ok(problem.reason.startsWith("functions cannot be sent to Lambda; "));
    strictEqual(problem.message, `Cannot encode args[1].user.callback: ${problem.reason}`);
    strictEqual(problem.name, "UnencodableValue");
    ok(problem instanceof Error);
  });

  test("encodeValue() uses $ as the root name when none is given", () => {
    const problem = refusal([{ items: [0, 1, 2, Symbol("s")] }]);
    strictEqual(problem.path, "$[0].items[3]");
    ok(problem.reason.startsWith("symbols cannot be sent to Lambda"));
  });

  test("encodeValue() quotes property names when they are not identifiers", () => {
    strictEqual(refusal({ "first name": { "a-b": () => 1 } }, "result").path, 'result["first name"]["a-b"]');
  });

  test("encodeValue() names Map keys, Map values and Set members when they are refused", () => {
    strictEqual(refusal({ m: new Map([["k", () => 1]]) }, "args").path, 'args.m.get("k")');
    strictEqual(refusal({ m: new Map([[2, () => 1]]) }, "args").path, "args.m.get(2)");
    strictEqual(
      refusal({ m: new Map<unknown, number>([[{}, 0], [() => 1, 0]]) }, "args").path,
      "args.m<Map key #1>",
    );
    strictEqual(refusal({ m: new Map([[{}, () => 1]]) }, "args").path, "args.m<Map value #0>");
    strictEqual(refusal(new Set([1, Symbol.iterator]), "args").path, "args<Set member #1>");
  });

  test("encodeValue() names an error's cause and properties when they are refused", () => {
    const error = new Error("x", { cause: { retry: () => 1 } });
    strictEqual(refusal(error, "result").path, "result.cause.retry");
    strictEqual(refusal(Object.assign(new Error("x"), { hook: () => 1 }), "result").path, "result.hook");
  });

  test("encodeValue() refuses class instances and names the class", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const problem = refusal({ at: new Point(1) }, "args");
    strictEqual(problem.path, "args.at");
    ok(problem.reason.startsWith("an instance of class Point cannot be sent to Lambda"));
    ok(problem.reason.includes("plain object"));
  });

  test("encodeValue() refuses subclasses of arrays and maps when given them", () => {
    class Stack extends Array {}
    class Registry extends Map {}
    ok(refusal(new Stack()).reason.includes("class Stack"));
    ok(refusal(new Registry()).reason.includes("class Registry"));
  });

  test("encodeValue() refuses weak collections, promises, shared memory and boxed symbols", () => {
    ok(refusal(new WeakMap()).reason.startsWith("a WeakMap cannot be sent"));
    ok(refusal(new WeakSet()).reason.startsWith("a WeakSet cannot be sent"));
    ok(refusal(new WeakRef({})).reason.startsWith("a WeakRef cannot be sent"));
    ok(refusal(Promise.resolve(1)).reason.startsWith("a Promise cannot be sent to Lambda; await it"));
    ok(refusal(new SharedArrayBuffer(4)).reason.startsWith("a SharedArrayBuffer cannot be sent"));
    ok(refusal(Object(Symbol("s"))).reason.startsWith("symbols cannot be sent"));
    ok(refusal(Object.create(Date.prototype)).reason.includes("class Date"));
  });

  test("encodeValue() refuses a value at the root when it is nested too deeply", () => {
    let chain: unknown = null;
    for (let i = 0; i < 100_000; i++) chain = { next: chain };
    const problem = refusal(chain, "args");
    strictEqual(problem.path, "args");
    strictEqual(problem.reason, "the value is nested too deeply to encode");
  });

  test("encodeValue() refuses a detached ArrayBuffer and views of one", () => {
    const buffer = new ArrayBuffer(8);
    const view = new Uint8Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    ok(refusal({ buffer }, "args").reason.includes("detached"));
    strictEqual(refusal({ view }, "args").path, "args.view");
  });
});

describe("encodeValue() size limits", () => {
  test("encodeValue() refuses a value with the limit when its text would exceed 64 MiB", () => {
    const problem = refusal({ image: new Uint8Array(100 * 1024 * 1024) }, "args");
    strictEqual(problem.limit, 64 * 1024 * 1024);
    strictEqual(problem.path, "args.image.buffer");
    ok(problem.reason.includes("would exceed the limit of 64 MiB"), problem.reason);
    ok(problem.reason.includes("binary parts"), problem.reason);
  });

  test("encodeValue() refuses strings, keys and plain arrays when they exceed a smaller limit", () => {
    const limits = { maxBytes: 1000 };
    const refused = (value: unknown) => {
      try {
        encodeValue(value, "args", limits);
      } catch (error) {
        ok(error instanceof UnencodableValue && error.limit === 1000, String(error));
        return error.path;
      }
      throw new Error("the value was encoded");
    };
    strictEqual(refused(["x".repeat(2000)]), "args", "a plain array is counted as a whole");
    strictEqual(refused([undefined, "x".repeat(2000)]), "args[1]");
    strictEqual(refused({ nested: Array.from({ length: 300 }, () => "word") }), "args.nested");
    strictEqual(refused({ inner: { ["k".repeat(2000)]: 1 } }), "args.inner", "a key counts for its object");
    ok(encodeValue("x".repeat(900), "args", limits).length < 1000);
    strictEqual(refusal(() => 1, "args").limit, undefined);
  });
});

describe("decodeValue() refusals", () => {
  test("decodeValue() refuses text when it is not JSON or not this format", () => {
    ok(malformed("{nope").problem.startsWith("not JSON"));
    ok(malformed("[1]").problem.includes('"format" field must be "covalent.value"'));
    ok(malformed('{"format":"other","version":1,"value":1}').problem.includes("format"));
    strictEqual(malformed('{"format":"covalent.value","version":1}').problem, 'the "value" field is missing');
  });

  test("decodeValue() refuses a version when it is not 1", () => {
    const problem = malformed(document(1, 2));
    strictEqual(problem.pointer, "/version");
    strictEqual(problem.problem, "unsupported version 2; this decoder reads version 1");
  });

  test("decodeValue() points at the node when a tag is unknown", () => {
    const problem = malformed(document({ list: [1, { $: "Blob" }] }));
    strictEqual(problem.pointer, "/value/list/1");
    strictEqual(problem.problem, 'unknown tag "Blob"');
    strictEqual(problem.message, 'Malformed encoded value at /value/list/1: unknown tag "Blob"');
  });

  test("decodeValue() refuses references when their id is not defined before them", () => {
    ok(malformed(document([{ $: "ref", id: 0 }])).problem.includes("reference to id 0"));
    const twice = [{ $: "Array", id: 0, items: [] }, { $: "Array", id: 0, items: [] }];
    strictEqual(malformed(document(twice)).problem, "id 0 is defined twice");
    ok(malformed(document({ $: "ref", id: -1 })).problem.includes("non-negative integer"));
  });

  test("decodeValue() refuses a document when its value is nested too deeply", () => {
    const depth = 100_000;
    const problem = malformed(
      document(null).replace("null", '{"next":'.repeat(depth) + "null" + "}".repeat(depth)),
    );
    ok(
      problem.problem.includes("nested too deeply") || problem.problem.startsWith("not JSON"),
      problem.problem,
    );
  });

  test("decodeValue() refuses nodes when their fields are missing or wrong", () => {
    const cases: [unknown, string][] = [
      [{ $: "hole" }, "a hole outside an array"],
      [{ $: "number", value: "1" }, '"1" is not NaN, Infinity, -Infinity or -0'],
      [{ $: "bigint", value: "1.5" }, '"1.5" is not a decimal integer'],
      [{ $: "Date", time: "yesterday" }, 'field "time" of the Date node must be a number'],
      [{ $: "RegExp", source: "(", flags: "" }, "invalid regular expression"],
      [{ $: "Map", entries: [[1]] }, "a Map entry must be a [key, value] pair"],
      [{ $: "Set", values: {} }, 'field "values" of the Set node must be an array'],
      [{ $: "ArrayBuffer", base64: "a b=" }, 'field "base64" is not canonical base64'],
      [
        { $: "Uint8Array", buffer: [], byteOffset: 0, length: 1 },
        "the buffer of a Uint8Array node must be an ArrayBuffer",
      ],
      [
        { $: "Uint16Array", buffer: { $: "ArrayBuffer", base64: "AAAA" }, byteOffset: 0, length: 5 },
        "the Uint16Array does not fit its buffer",
      ],
      [{ $: "Error", message: "no name" }, 'field "name" of the Error node must be a string'],
      [{ $: "Number", value: "1" }, 'field "value" of the Number node must be a number'],
    ];
    for (const [node, expected] of cases) {
      const problem = malformed(document(node));
      ok(problem.problem.includes(expected), `${JSON.stringify(node)}: ${problem.problem}`);
    }
  });

  test("decodeValue() refuses a blob reference when given JSON text", () => {
    const problem = malformed(document({ $: "ArrayBuffer", blob: 0 }));
    ok(problem.problem.includes("only valid inside binary parts"), problem.problem);
  });

  test("decodeValue() refuses named properties of an array when they are indices or length", () => {
    for (const key of ["0", "length"]) {
      const problem = malformed(document({ $: "Array", items: [1], props: { [key]: 2 } }));
      strictEqual(problem.pointer, "/value/props");
      ok(problem.problem.includes("index or length"), problem.problem);
    }
  });
});
