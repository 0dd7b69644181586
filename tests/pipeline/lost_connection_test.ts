import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { InvokeError } from "../../mod.ts";
import { rejection } from "../support/aws_clients.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

const INVOCATIONS = { service: "lambda", method: "POST", path: /\/invocations$/ } as const;

describe("a lost Invoke connection", () => {
  test("run() recovers a long task's outcome from S3 when the Invoke connection breaks", async () => {
    await using bed = await startExecutorBed({ timeout: 30 });
    bed.aws.faults.add({ ...INVOCATIONS, times: 1, dropConnection: "afterServing" });
    const slow = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve("finished"), ms));
    equal(await bed.executor().run(slow, [5_500]), "finished");
    deepEqual(await bed.objectKeys(), [], "the durable outcome was removed once read");
  });

  test("run() says a short task may have run when the Invoke connection breaks", async () => {
    await using bed = await startExecutorBed();
    bed.aws.faults.add({ ...INVOCATIONS, times: 1, dropConnection: "afterServing" });
    const error = await rejection(bed.executor().run(() => "quick", []));
    ok(error instanceof InvokeError, String(error));
    equal(error.mayHaveRun, true);
  });
});
