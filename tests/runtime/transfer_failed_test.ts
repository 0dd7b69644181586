import { strictEqual as equal } from "node:assert/strict";
import { test } from "node:test";
import { s3ErrorCode, TransferFailed } from "../../src/runtime/transfer_failed.ts";

test("s3ErrorCode() reads the code when the body is S3's error XML", () => {
  const body = '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>';
  equal(s3ErrorCode(body), "SlowDown");
});

test("s3ErrorCode() returns undefined when the body holds no code", () => {
  equal(s3ErrorCode("upstream connect error"), undefined);
  equal(s3ErrorCode("<Code>https://bucket/key?X-Amz-Signature=abc</Code>"), undefined);
});

test("new TransferFailed() names the network error's code when there was no HTTP answer", () => {
  const error = new TransferFailed("code download", 5, { code: "ECONNREFUSED" });
  equal(error.message, "The code download failed after 5 attempts: network error (ECONNREFUSED).");
  equal(error.status, undefined);
});
