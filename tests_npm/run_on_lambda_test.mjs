// runOnLambda() from the installed package, on the embedded local AWS, under Node.js.
import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { after, describe, test } from "node:test";
import { runOnLambda } from "@covalent/awslambda";
import { localExecutorOptions } from "./support/temp_options.mjs";

describe("runOnLambda() under Node.js", () => {
  const temp = localExecutorOptions();
  after(() => temp.remove());

  test("runOnLambda() returns the task's value when the endpoint is local", { timeout: 60_000 }, async () => {
    const sum = await runOnLambda((a, b) => a + b, [1, 2], temp.options);
    equal(sum, 3);
  });

  test("runOnLambda() round-trips a Map, a Date and a BigInt", { timeout: 60_000 }, async () => {
    const result = await runOnLambda(
      (readings, since, total) => ({
        doubled: new Map([...readings].map(([name, value]) => [name, value * 2])),
        until: new Date(since.getTime() + 60_000),
        total: total * 2n,
      }),
      [new Map([["a", 1], ["b", 2.5]]), new Date("2024-02-29T12:00:00.000Z"), 2n ** 70n],
      temp.options,
    );
    deepEqual(result.doubled, new Map([["a", 2], ["b", 5]]));
    equal(result.until instanceof Date, true);
    equal(result.until.toISOString(), "2024-02-29T12:01:00.000Z");
    equal(result.total, 2n ** 71n);
  });
});
