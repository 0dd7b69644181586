import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { describe, test } from "node:test";
import { decodeValue, encodeValue } from "../../src/task/value_codec.ts";

function roundTrip<T>(value: T): T {
  return decodeValue(encodeValue(value)) as T;
}

const TYPED_ARRAYS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
];

describe("encodeValue() and decodeValue()", () => {
  test("encodeValue() round-trips every primitive when given it at the top level", () => {
    const primitives = [
      "",
      'héllo \u{1F600} \n "quoted"',
      "\ud800 lone surrogate",
      true,
      false,
      null,
      undefined,
      0,
      1.5,
      -42,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_VALUE,
      -0,
      NaN,
      Infinity,
      -Infinity,
      0n,
      -(2n ** 100n),
    ];
    for (const value of primitives) {
      const back = roundTrip(value);
      ok(Object.is(back, value), `${String(value)} came back as ${String(back)}`);
    }
  });

  test("decodeValue() keeps undefined properties and tells holes from undefined elements", () => {
    // deno-lint-ignore no-sparse-arrays
    const back = roundTrip({ a: undefined, list: [1, , undefined, 3], tail: [, ,] });
    ok(Object.hasOwn(back, "a"));
    strictEqual(back.a, undefined);
    strictEqual(back.list.length, 4);
    strictEqual(1 in back.list, false);
    strictEqual(2 in back.list, true);
    strictEqual(back.list[2], undefined);
    strictEqual(back.tail.length, 2);
    strictEqual(0 in back.tail, false);
  });

  test("decodeValue() rebuilds dates, invalid dates, regular expressions and boxed primitives", () => {
    const pattern = /a(b)?c/giu;
    pattern.lastIndex = 3;
    const back = roundTrip({
      when: new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 5)),
      never: new Date(NaN),
      pattern,
      boxed: [Object(true), Object(-0), Object(NaN), Object("text"), Object(12n)],
    });
    ok(back.when instanceof Date);
    strictEqual(back.when.toISOString(), "2024-02-29T12:00:00.005Z");
    ok(back.never instanceof Date && Number.isNaN(back.never.getTime()));
    ok(back.pattern instanceof RegExp);
    strictEqual(back.pattern.source, "a(b)?c");
    strictEqual(back.pattern.flags, "giu");
    strictEqual(back.pattern.lastIndex, 0);
    const [bool, negativeZero, nan, text, big] = back.boxed;
    ok(bool instanceof Boolean && bool.valueOf() === true);
    ok(negativeZero instanceof Number && Object.is(negativeZero.valueOf(), -0));
    ok(nan instanceof Number && Number.isNaN(nan.valueOf()));
    ok(text instanceof String && text.valueOf() === "text");
    strictEqual(typeof big, "object");
    strictEqual(big.valueOf(), 12n);
  });

  test("decodeValue() rebuilds maps and sets with any keys when they are nested", () => {
    const key = { id: 1 };
    const map = new Map<unknown, unknown>([[key, new Set([1, "1", 1n])], [NaN, [undefined]], [
      "k",
      new Map(),
    ]]);
    const back = roundTrip({ map });
    deepStrictEqual(back.map, map);
    const [backKey] = back.map.keys();
    deepStrictEqual(backKey, { id: 1 });
    ok(back.map.get(backKey) instanceof Set);
  });

  test("decodeValue() rebuilds every typed array, DataView and ArrayBuffer with their bytes", () => {
    for (const Type of TYPED_ARRAYS) {
      const array = new Type([1, 2, 250, 7]);
      const back = roundTrip(array);
      strictEqual(back.constructor, Type);
      deepStrictEqual([...back], [...array]);
    }
    deepStrictEqual(roundTrip(new BigInt64Array([-1n, 2n ** 62n])), new BigInt64Array([-1n, 2n ** 62n]));
    deepStrictEqual(roundTrip(new BigUint64Array([2n ** 64n - 1n])), new BigUint64Array([2n ** 64n - 1n]));
    deepStrictEqual(roundTrip(new Float64Array([NaN, -0, Infinity])), new Float64Array([NaN, -0, Infinity]));
    const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const view = roundTrip(new DataView(bytes.buffer, 2, 4));
    ok(view instanceof DataView);
    strictEqual(view.byteOffset, 2);
    strictEqual(view.byteLength, 4);
    strictEqual(view.getUint8(0), 2);
    deepStrictEqual(new Uint8Array(roundTrip(bytes.buffer)), bytes);
    strictEqual(roundTrip(new ArrayBuffer(0)).byteLength, 0);
  });

  test("decodeValue() keeps a resizable ArrayBuffer resizable when it is one", () => {
    const buffer = new ArrayBuffer(2, { maxByteLength: 16 });
    new Uint8Array(buffer).set([9, 8]);
    const back = roundTrip(buffer);
    strictEqual(back.resizable, true);
    strictEqual(back.maxByteLength, 16);
    deepStrictEqual([...new Uint8Array(back)], [9, 8]);
  });

  test("decodeValue() keeps one buffer shared when several views use it", () => {
    const buffer = new ArrayBuffer(16);
    const value = {
      bytes: new Uint8Array(buffer, 4, 8),
      words: new Uint32Array(buffer),
      view: new DataView(buffer, 8),
    };
    value.words[1] = 0x01020304;
    const back = roundTrip(value);
    ok(back.bytes.buffer === back.words.buffer);
    ok(back.view.buffer === back.words.buffer);
    strictEqual(back.bytes.byteOffset, 4);
    strictEqual(back.bytes.length, 8);
    strictEqual(back.words[1], 0x01020304);
    back.bytes[4] = 0xff; // byte 8 of the buffer
    strictEqual(back.view.getUint8(0), 0xff);
  });

  test("decodeValue() gives a Node Buffer back as a Uint8Array of only its own bytes", () => {
    const buffer = Buffer.from("hi there");
    const back = roundTrip(buffer.subarray(3));
    strictEqual(Object.getPrototypeOf(back), Uint8Array.prototype);
    strictEqual(back.byteOffset, 0);
    strictEqual(back.buffer.byteLength, 5);
    strictEqual(new TextDecoder().decode(back), "there");
  });

  test("decodeValue() rebuilds plain objects whose keys look like the format's own", () => {
    const tricky = JSON.parse('{"__proto__": {"polluted": true}, "$": "ref", "id": 0, "toJSON": "x"}');
    const nullPrototype = Object.assign(Object.create(null), { a: 1 });
    const back = roundTrip({ tricky, nullPrototype, nested: { $: { $: "undefined" } } });
    strictEqual(Object.getPrototypeOf(back.tricky), Object.prototype);
    deepStrictEqual(Object.getOwnPropertyDescriptor(back.tricky, "__proto__")?.value, { polluted: true });
    strictEqual(({} as Record<string, unknown>).polluted, undefined);
    strictEqual(back.tricky.$, "ref");
    strictEqual(back.tricky.toJSON, "x");
    deepStrictEqual({ ...back.nullPrototype }, { a: 1 });
    deepStrictEqual(back.nested, { $: { $: "undefined" } });
  });

  test("decodeValue() drops symbol-keyed and non-enumerable properties as structuredClone does", () => {
    const value: Record<string | symbol, unknown> = { kept: 1, [Symbol("s")]: 2 };
    Object.defineProperty(value, "hidden", { value: 3, enumerable: false });
    deepStrictEqual(roundTrip(value), { kept: 1 });
  });
});

describe("encodeValue() and decodeValue() with shared references", () => {
  test("decodeValue() restores cycles when an object contains itself", () => {
    const node: Record<string, unknown> = { name: "root" };
    node.self = node;
    node.list = [node, { parent: node }];
    const back = roundTrip(node) as typeof node & { list: [unknown, { parent: unknown }] };
    ok(back.self === back);
    ok(back.list[0] === back);
    ok(back.list[1].parent === back);
  });

  test("decodeValue() preserves identity when one object is reached several ways", () => {
    const shared = { n: 1 };
    const numbers = [1, 2, 3];
    const date = new Date(0);
    const value = [shared, shared, new Map([[shared, numbers]]), new Set([numbers, date]), date, numbers];
    const back = roundTrip(value) as [object, object, Map<object, number[]>, Set<unknown>, Date, number[]];
    ok(back[0] === back[1]);
    const [[key, list]] = back[2];
    ok(key === back[0]);
    ok(list === back[5]);
    ok(back[3].has(back[5]));
    ok(back[3].has(back[4]));
  });

  test("decodeValue() restores cycles through maps, sets, arrays and errors", () => {
    const map = new Map<string, unknown>();
    map.set("me", map);
    const set = new Set<unknown>();
    set.add(set);
    const array: unknown[] = [];
    array.push(array);
    const error = new Error("loop");
    error.cause = error;
    const back = roundTrip({ map, set, array, error });
    ok(back.map.get("me") === back.map);
    ok(back.set.has(back.set));
    ok(back.array[0] === back.array);
    ok(back.error.cause === back.error);
  });
});

describe("encodeValue() and decodeValue() with named array properties", () => {
  test("decodeValue() keeps named properties of an array when it has them, as structuredClone does", () => {
    const plain = Object.assign([1, "two", null], { tag: "x", count: 2 });
    // deno-lint-ignore no-sparse-arrays
    const holey = Object.assign([1, , undefined], { when: new Date(0) });
    const odd = Object.assign([{ a: 1 }], { $: "dollar", ["__proto__"]: { polluted: true } });
    Object.defineProperty(odd, "__proto__", { value: 7, enumerable: true });
    const back = roundTrip({ plain, holey, odd });
    deepStrictEqual(back, { plain, holey, odd });
    deepStrictEqual(back, structuredClone({ plain, holey, odd }));
    ok(Array.isArray(back.plain) && back.plain.length === 3);
    strictEqual(back.plain.tag, "x");
    ok(!(1 in back.holey), "the hole stays a hole");
    strictEqual(Object.getPrototypeOf(back.odd), Array.prototype);
    strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  test("decodeValue() restores an array that refers to itself through a named property", () => {
    const list = Object.assign([1, 2], {
      self: undefined as unknown,
      parent: { child: undefined as unknown },
    });
    list.self = list;
    list.parent.child = list;
    const back = roundTrip([list, list]);
    strictEqual(back[0], back[1]);
    strictEqual(back[0].self, back[0]);
    strictEqual((back[0].parent as { child: unknown }).child, back[0]);
  });

  test("encodeValue() leaves out named properties when an array is longer than 16 384 elements", () => {
    const long = Object.assign(new Array(16_385).fill(0), { tag: "x" });
    const back = roundTrip(long);
    strictEqual(back.length, 16_385);
    strictEqual(back.tag, undefined);
    strictEqual(roundTrip(Object.assign(new Array(16_384).fill(0), { tag: "x" })).tag, "x");
  });

  test("encodeValue() writes a plain array without wrappers when it has no named properties", () => {
    deepStrictEqual(JSON.parse(encodeValue([1, "a"])).value, [1, "a"]);
    deepStrictEqual(JSON.parse(encodeValue(Object.assign([1], { k: 2 }))).value, {
      $: "Array",
      items: [1],
      props: { k: 2 },
    });
  });
});

describe("encodeValue() output", () => {
  test("encodeValue() writes versioned JSON with no per-element wrappers when values are JSON-safe", () => {
    const value = { numbers: [1, 2.5, -3], words: ["a", "b"], flags: [true, null], nested: { x: [1] } };
    const document = JSON.parse(encodeValue(value));
    deepStrictEqual(document, { format: "covalent.value", version: 1, value });
    const big = Array.from({ length: 10_000 }, (_, i) => i / 7);
    ok(encodeValue(big).length - JSON.stringify(big).length < 60);
  });

  test("encodeValue() handles a million numbers quickly when given one large array", () => {
    const numbers = Array.from({ length: 1_000_000 }, (_, i) => i * 0.5);
    const started = performance.now();
    const back = decodeValue(encodeValue(numbers)) as number[];
    ok(performance.now() - started < 2_000, "a million numbers take well under a second normally");
    strictEqual(back.length, 1_000_000);
    strictEqual(back[999_999], 499_999.5);
  });

  test("encodeValue() writes bytes as base64 when given a typed array", () => {
    const document = JSON.parse(encodeValue(new Uint8Array([104, 105])));
    deepStrictEqual(document.value, {
      $: "Uint8Array",
      buffer: { $: "ArrayBuffer", base64: "aGk=" },
      byteOffset: 0,
      length: 2,
    });
  });
});
