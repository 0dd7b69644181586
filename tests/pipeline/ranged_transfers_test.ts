import {
  deepStrictEqual as deepEqual,
  doesNotMatch,
  match,
  ok,
  strictEqual as equal,
} from "node:assert/strict";
import { ResultDecodeError, TaskFailed } from "../../mod.ts";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { rejection, s3Client } from "../support/aws_clients.ts";
import { after, before, describe, test } from "node:test";
import { BED_BUCKET, type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

const MB = 1024 * 1024;

/** Bytes whose every position says where it is, so a misplaced range cannot go unnoticed. */
function patterned(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >>> 16)) & 0xff;
  return bytes;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Answers the next `times` GETs of keys matching `key` with `response` instead of the object. */
function answerGets(
  bed: ExecutorBed,
  key: RegExp,
  times: number,
  response: { status: number; body: string },
) {
  return bed.aws.faults.add({ service: "s3", method: "GET", path: key, times, response });
}

describe("large values travel as parallel byte ranges", () => {
  let bed: ExecutorBed;
  before(async () => (bed = await startExecutorBed()));
  after(() => bed.close());

  /** Checks that exactly one outcome stayed in the bucket (for inspection), then removes it. */
  async function removeTheOneOutcomeLeft(): Promise<void> {
    const left = await bed.objectKeys();
    equal(left.length, 1, JSON.stringify(left));
    match(left[0], /outcome\.bin$/);
    const s3 = s3Client(bed.aws);
    await s3.send(new DeleteObjectCommand({ Bucket: BED_BUCKET, Key: left[0] }));
    s3.destroy();
  }

  test("a 20 MB spilled argument and outcome come back byte for byte, each read as four ranges", async () => {
    const executor = bed.executor();
    const bytes = patterned(20 * MB + 3);
    bed.aws.resetRequestCounts();
    const back = await executor.run((b: Uint8Array) => b, [bytes]);
    equal(firstDifference(back, bytes), -1);
    const counts = bed.aws.requestCounts();
    // Four ranges by the function for the arguments, four by the executor for the outcome.
    equal(counts.s3.GetObject, 8, JSON.stringify(counts.s3));
    // The argument and the outcome are removed together, in one request.
    equal(counts.s3.DeleteObjects, 1, JSON.stringify(counts.s3));
    deepEqual(await bed.objectKeys(), []);
  });

  test("one 503 SlowDown on a range of the arguments and one on a range of the outcome are absorbed", async () => {
    const executor = bed.executor();
    const bytes = patterned(17 * MB);
    const argsFault = bed.aws.faults.add({
      service: "s3",
      method: "GET",
      path: /args\.bin$/,
      times: 1,
      error: { status: 503, code: "SlowDown" },
    });
    const outcomeFault = bed.aws.faults.add({
      service: "s3",
      method: "GET",
      path: /outcome\.bin$/,
      times: 1,
      error: { status: 503, code: "SlowDown" },
    });
    const back = await executor.run((b: Uint8Array) => b.subarray(1), [bytes]);
    equal(argsFault.hits, 1);
    equal(outcomeFault.hits, 1);
    equal(firstDifference(back, bytes.subarray(1)), -1);
    ok(back.length === bytes.length - 1);
    deepEqual(await bed.objectKeys(), []);
  });

  test("a range answered as the whole object fails the run at once, saying so, with nothing retried or left", async () => {
    const executor = bed.executor();
    const whole = answerGets(bed, /args\.bin$/, 1, { status: 200, body: "not the range" });
    const error = await rejection(executor.run((b: Uint8Array) => b.length, [patterned(17 * MB)]));
    equal(whole.hits, 1);
    ok(error instanceof TaskFailed, String(error));
    equal(error.remoteName, "TransferFailed");
    match(
      error.remoteMessage,
      /arguments download failed: HTTP 200: the range request was not answered with the range/,
    );
    deepEqual(await bed.objectKeys(), []);
  });

  // Longer than any of the four ranges of 17 MB, or far shorter.
  for (const [what, body] of [["short", "short"], ["longer than asked", "x".repeat(5 * MB)]] as const) {
    test(`a range of the outcome answered ${what} is read again, and the value arrives whole`, async () => {
      const executor = bed.executor();
      const bytes = patterned(17 * MB);
      const broken = answerGets(bed, /outcome\.bin$/, 1, { status: 206, body });
      const back = await executor.run((b: Uint8Array) => b, [bytes]);
      equal(broken.hits, 1);
      equal(firstDifference(back, bytes), -1);
      deepEqual(await bed.objectKeys(), []);
    });
  }

  test("an outcome range answered as the whole object fails at once, saying so, and the outcome stays", async () => {
    const executor = bed.executor();
    const whole = answerGets(bed, /outcome\.bin$/, 1000, { status: 200, body: "not the range" });
    const error = await rejection(executor.run((b: Uint8Array) => b, [patterned(17 * MB)]));
    const hits = whole.hits;
    whole.remove();
    // At most the four ranges of one read: nothing read again.
    ok(hits >= 1 && hits <= 4, `hits ${hits}`);
    ok(error instanceof ResultDecodeError, String(error));
    match(error.message, /the whole object came back where bytes \d+-\d+ were asked for/);
    match(error.message, /drops the Range header/);
    doesNotMatch(error.message, /could not be reached|connection broke/);
    await removeTheOneOutcomeLeft();
  });

  test("an outcome whose ranges always come back short fails with ResultDecodeError and stays for inspection", async () => {
    const executor = bed.executor();
    const short = answerGets(bed, /outcome\.bin$/, 1000, { status: 206, body: "short" });
    const error = await rejection(executor.run((b: Uint8Array) => b, [patterned(17 * MB)]));
    ok(short.hits >= 2, `hits ${short.hits}`);
    short.remove();
    ok(error instanceof ResultDecodeError, String(error));
    match(error.message, /the connection broke.*answered 5 of bytes 0-/);
    doesNotMatch(error.message, /could not be reached/);
    await removeTheOneOutcomeLeft();
  });
});
