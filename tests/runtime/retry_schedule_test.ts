import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { test } from "node:test";
import { retryDelayMs, TRANSFER_RETRY } from "../../src/runtime/retry_schedule.ts";

test("retryDelayMs() doubles from 100 ms and stops after the fifth attempt when the jitter is centred", () => {
  const delays = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(TRANSFER_RETRY, attempt, 0, 0.5));
  deepEqual(delays, [100, 200, 400, 800, undefined]);
});

test("retryDelayMs() stays within ±20 % when the random draw is at either end", () => {
  equal(retryDelayMs(TRANSFER_RETRY, 3, 0, 0), 320);
  equal(retryDelayMs(TRANSFER_RETRY, 3, 0, 0.999999)! < 480, true);
  equal(retryDelayMs(TRANSFER_RETRY, 3, 0, 0.999999)! > 479, true);
});

test("retryDelayMs() gives up when the next attempt would start after maxElapsedMs", () => {
  equal(retryDelayMs(TRANSFER_RETRY, 2, 9_850, 0.5), undefined);
  equal(retryDelayMs(TRANSFER_RETRY, 2, 9_800, 0), 160);
});
