import { deepStrictEqual as deepEqual, match, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { closeExecutorsOnSignal } from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

describe("closeExecutorsOnSignal()", () => {
  test("closeExecutorsOnSignal() closes every open executor on SIGINT and sets exit code 130", async () => {
    await using bed = await startExecutorBed();
    const signals: string[] = [];
    const uninstall = closeExecutorsOnSignal({ onSignal: (signal) => signals.push(signal) });
    const invoked = bed.aws.faults.add({
      service: "lambda",
      method: "POST",
      path: /\/invocations$/,
      delayMs: 0,
    });
    try {
      const executor = bed.executor();
      const running = executor.run(() => new Promise((resolve) => setTimeout(resolve, 2_000, "late")), []);
      while (invoked.hits === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      process.emit("SIGINT", "SIGINT");
      match((await rejection(running)).message, /The executor was closed/);
      deepEqual(signals, ["SIGINT"]);
      equal(process.exitCode, 130);
      await executor.close();
      deepEqual(await bed.objectKeys(), []);
    } finally {
      process.exitCode = 0;
      uninstall();
    }
  });
});
