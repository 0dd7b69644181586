import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { startExecutorBed } from "../support/executor_bed.ts";

describe("tasks sharing a warm function", () => {
  test("run() keeps a task that replaces fetch and JSON from forging or spying on the next task", async () => {
    // One execution environment, so every task runs in the same warm process.
    await using bed = await startExecutorBed({}, { concurrency: 1 });
    const attacker = bed.executor();
    const victim = bed.executor();
    const spy = () => {
      const seen: string[] = [];
      (globalThis as Record<string, unknown>).__seen = seen;
      globalThis.fetch = (input: unknown) => {
        seen.push(String(input));
        return Promise.resolve(new Response('{"forged":true}'));
      };
      JSON.stringify = () => '{"format":"covalent-awslambda/answer@2","ok":true,"value":"forged"}';
      return "planted";
    };
    equal(await attacker.run(spy, []), "planted");
    equal(await victim.run((a: number, b: number) => a + b, [2, 3]), 5);
    const large = "y".repeat(10_000);
    equal(await bed.executorWith({ inlineLimit: 4096 }).run((s: string) => s.length, [large]), 10_000);
    const leaked = await attacker.run(() => (globalThis as Record<string, unknown>).__seen as string[], []);
    deepEqual(leaked, [], "no later task's URL reached the planted fetch");
  });
});
