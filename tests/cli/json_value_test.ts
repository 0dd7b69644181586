import { strictEqual as equal } from "node:assert/strict";
import { test } from "node:test";
import { toJsonText } from "../../src/cli/json_value.ts";

test("toJsonText() writes bytes as base64: a view's own range, and a whole ArrayBuffer", () => {
  const buffer = new Uint8Array([0, 1, 2, 250, 251, 252, 253]).buffer;
  equal(toJsonText(new Uint8Array(buffer, 1, 5)), '"AQL6+/w="');
  equal(toJsonText(new DataView(buffer, 3, 2)), '"+vs="');
  equal(toJsonText(buffer), '"AAEC+vv8/Q=="');
  equal(toJsonText({ empty: new ArrayBuffer(0) }), '{"empty":""}');
});

test("toJsonText() gives JSON's nearest shape to what JSON lacks, and marks cycles", () => {
  const cycle: Record<string, unknown> = { n: 1n };
  cycle.self = cycle;
  equal(toJsonText(cycle), '{"n":"1","self":"[Circular]"}');
  equal(toJsonText([undefined, NaN, new Set([1]), new Map([[1, 2]])]), "[null,null,[1],[[1,2]]]");
});
