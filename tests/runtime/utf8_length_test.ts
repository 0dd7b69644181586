import { strictEqual as equal } from "node:assert/strict";
import { test } from "node:test";
import { utf8Length } from "../../src/runtime/utf8_length.ts";

test("utf8Length() matches TextEncoder when the text mixes 1- to 4-byte characters", () => {
  for (
    const text of [
      "",
      "plain",
      "é",
      "€uro",
      "😀",
      "a😀b€é\u0000",
      "\u07ff\u0800\uffff",
      "x".repeat(1000) + "😀",
    ]
  ) {
    equal(utf8Length(text), new TextEncoder().encode(text).byteLength, JSON.stringify(text));
  }
});

test("utf8Length() counts a lone surrogate as the 3 bytes of U+FFFD when the string is not well formed", () => {
  for (const text of ["\ud800", "\udc00", "a\ud800b", "\ud800\ud800\udc00"]) {
    equal(utf8Length(text), new TextEncoder().encode(text).byteLength, JSON.stringify(text));
  }
});
