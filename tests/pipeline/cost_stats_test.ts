import { InvokeCommand } from "@aws-sdk/client-lambda";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { describe, test } from "node:test";
import { LIST_PRICES, readReportLine } from "../../mod.ts";
import { makeCostCollector } from "../../src/pipeline/cost_stats.ts";
import { lambdaClient } from "../support/aws_clients.ts";
import { startExecutorBed } from "../support/executor_bed.ts";

describe("readReportLine()", () => {
  test("readReportLine() reads a REPORT line as Lambda writes it, init duration included", () => {
    const tail = "START RequestId: 1 Version: $LATEST\nhello\nEND RequestId: 1\n" +
      "REPORT RequestId: 1\tDuration: 12.34 ms\tBilled Duration: 163 ms\tMemory Size: 512 MB\t" +
      "Max Memory Used: 71 MB\tInit Duration: 150.11 ms\t\n";
    deepEqual(readReportLine(tail), {
      durationMs: 12.34,
      billedMs: 163,
      memoryMb: 512,
      maxMemoryUsedMb: 71,
      initDurationMs: 150.11,
    });
  });

  test("readReportLine() reads the last REPORT line that starts a line, not one quoted inside output", () => {
    const report = (ms: number) =>
      `REPORT RequestId: ${ms}\tDuration: ${ms}.5 ms\tBilled Duration: ${ms + 1} ms\tMemory Size: 128 MB\t` +
      "Max Memory Used: 40 MB";
    const tail = `${report(3)}\nEND RequestId: 9\n${report(7)}\nuser printed: ${report(99)}\nmore output`;
    deepEqual(readReportLine(tail), { durationMs: 7.5, billedMs: 8, memoryMb: 128, maxMemoryUsedMb: 40 });
    equal(readReportLine(`no newline before it ${report(5)}`), undefined);
    deepEqual(readReportLine(report(5)), {
      durationMs: 5.5,
      billedMs: 6,
      memoryMb: 128,
      maxMemoryUsedMb: 40,
    });
  });

  test("readReportLine() finds nothing when the tail lost the REPORT line", () => {
    equal(readReportLine("START RequestId: 1 Version: $LATEST\nmuch output"), undefined);
  });
});

describe("AWSLambdaExecutor.stats()", () => {
  test("stats() adds up the billed duration and memory of each invocation's REPORT line", async () => {
    await using bed = await startExecutorBed({ memorySize: 256 });
    const executor = bed.executor();
    const sleep = (ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms));
    await executor.map(sleep, [[30], [60], [90]]);
    const stats = await executor.stats();
    equal(stats.total.tasks, 3);
    equal(stats.total.unreported, 0);
    equal(stats.total.lambdaRequests, 3);
    deepEqual(stats.total.s3Requests, { put: 0, get: 0 }, "small tasks touch no S3");
    ok(stats.recent.every((task) => task.memoryMb === 256));
    const billed = stats.recent.map((task) => task.billedMs).sort((a, b) => a - b);
    ok(billed[0] >= 30 && billed[1] >= 60 && billed[2] >= 90, `billed at least the sleeps: ${billed}`);
    equal(stats.total.billedMs, billed.reduce((a, b) => a + b, 0));
    const gbSeconds = (stats.total.billedMs / 1000) * (256 / 1024);
    ok(Math.abs(stats.total.gbSeconds - gbSeconds) < 1e-9);
    const dollars = 3 * LIST_PRICES.lambdaRequest + gbSeconds * LIST_PRICES.gbSecondX86;
    ok(Math.abs(stats.total.dollars - dollars) < 1e-12);
    equal(stats.prices.asOf, LIST_PRICES.asOf);
  });

  test("stats() counts a spilled value's S3 requests as S3 saw them", async () => {
    await using bed = await startExecutorBed();
    const executor = bed.executor();
    await executor.run(() => 1, []);
    const before = (await executor.stats()).total.s3Requests;
    bed.aws.resetRequestCounts();
    const back = await executor.run((b: Uint8Array) => b, [new Uint8Array(20 * 1024 * 1024)]);
    equal(back.length, 20 * 1024 * 1024);
    const after = (await executor.stats()).total.s3Requests;
    const seen = bed.aws.requestCounts().s3;
    // The argument's upload and the outcome's; four ranges read by the function, four by the executor.
    deepEqual({ put: seen.PutObject, get: seen.GetObject }, { put: 2, get: 8 }, JSON.stringify(seen));
    deepEqual({ put: after.put - before.put, get: after.get - before.get }, { put: 2, get: 8 });
  });

  test("stats() counts an outcome read again", async () => {
    await using bed = await startExecutorBed();
    const executor = bed.executor();
    const fault = bed.aws.faults.add({
      service: "s3",
      method: "GET",
      path: /outcome\.bin$/,
      times: 1,
      // Cut short: read again by the executor, not by the SDK (whose own retries are not counted).
      response: { status: 206, body: "short" },
    });
    const back = await executor.run((n: number) => new Uint8Array(n), [18 * 1024 * 1024]);
    equal(back.length, 18 * 1024 * 1024);
    equal(fault.hits, 1);
    // The function's upload; the executor's four ranges, then four again.
    deepEqual((await executor.stats()).total.s3Requests, { put: 1, get: 8 });
  });

  test("stats() uses the very REPORT line Lambda sends for the same function", async () => {
    await using bed = await startExecutorBed();
    const executor = bed.executor();
    await executor.run(() => 1, []);
    const [name] = await bed.functionNames();
    // The same function invoked by hand: its REPORT line carries the memory the executor records.
    const lambda = lambdaClient(bed.aws);
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: name, LogType: "Tail", Payload: Buffer.from("{}") }),
    );
    lambda.destroy();
    const report = readReportLine(Buffer.from(answer.LogResult!, "base64").toString("utf8"));
    ok(report);
    const [recorded] = (await executor.stats()).recent;
    equal(recorded.memoryMb, report.memoryMb);
    ok(recorded.billedMs >= 1);
  });
});

describe("makeCostCollector()", () => {
  test("recent keeps the last 1,000 tasks, oldest first, while the totals count them all", () => {
    const costs = makeCostCollector("x86_64");
    for (let i = 0; i < 2_345; i++) {
      costs.task(`t${i}`, { durationMs: 1, billedMs: i, memoryMb: 128, maxMemoryUsedMb: 60 }, 128, 1);
    }
    const { total, recent } = costs.snapshot();
    equal(total.tasks, 2_345);
    equal(total.lambdaRequests, 2_345);
    equal(recent.length, 1_000);
    deepEqual(recent.map((task) => task.taskId), Array.from({ length: 1_000 }, (_, i) => `t${1_345 + i}`));
  });
});
