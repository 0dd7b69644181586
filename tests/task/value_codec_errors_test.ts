import { ok, strictEqual } from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeValue, encodeValue } from "../../src/task/value_codec.ts";

function roundTrip<T>(value: T): T {
  return decodeValue(encodeValue(value)) as T;
}

describe("encodeValue() and decodeValue() with errors", () => {
  test("decodeValue() rebuilds a standard error with its name, message, stack and cause", () => {
    const cause = new RangeError("inner");
    const error = new TypeError("outer", { cause });
    const back = roundTrip(error);
    ok(back instanceof TypeError);
    strictEqual(back.name, "TypeError");
    strictEqual(back.message, "outer");
    strictEqual(back.stack, error.stack);
    ok(back.cause instanceof RangeError);
    strictEqual((back.cause as Error).message, "inner");
    strictEqual(Object.keys(back).length, 0, "name, message, stack and cause stay non-enumerable");
  });

  test("decodeValue() rebuilds an AggregateError with its errors", () => {
    const back = roundTrip(new AggregateError([new Error("a"), "plain"], "many"));
    ok(back instanceof AggregateError);
    strictEqual(back.message, "many");
    strictEqual(back.errors.length, 2);
    strictEqual(back.errors[0].message, "a");
    strictEqual(back.errors[1], "plain");
  });

  test("decodeValue() keeps a custom error's name and own properties when its class is not standard", () => {
    class QuotaExceeded extends Error {
      code = "E_QUOTA";
      constructor(readonly limit: number) {
        super(`over ${limit}`);
        this.name = "QuotaExceeded";
      }
    }
    const back = roundTrip(new QuotaExceeded(5));
    ok(back instanceof Error);
    strictEqual(back.name, "QuotaExceeded");
    strictEqual(back.message, "over 5");
    strictEqual((back as unknown as { code: string }).code, "E_QUOTA");
    strictEqual(back.limit, 5);
    ok(back.stack?.includes("over 5"));
  });

  test("decodeValue() leaves message, cause and stack absent when the error had none", () => {
    const error = new Error();
    delete error.stack;
    const back = roundTrip(error);
    strictEqual(Object.hasOwn(back, "message"), false);
    strictEqual(Object.hasOwn(back, "cause"), false);
    strictEqual(back.stack, undefined);
    const withUndefinedCause = roundTrip(new Error("x", { cause: undefined }));
    strictEqual(Object.hasOwn(withUndefinedCause, "cause"), true);
  });
});
