import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf, stsClient } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";

describe("local AWS faults", () => {
  const bucket = "fault-bucket";
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket], maxAttempts: 1 })));
  after(() => aws.close());
  beforeEach(() => aws.faults.clear());

  test("faults.add() answers matching requests with the error in the service's own format", async () => {
    const fault = aws.faults.add({
      service: "s3",
      method: "PUT",
      path: /\/blocked\//,
      error: { status: 503, code: "SlowDown", message: "Please reduce your request rate." },
    });
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "blocked/a", Body: "x" })),
    );
    equal(error.name, "SlowDown");
    equal(error.message, "Please reduce your request rate.");
    equal(statusOf(error), 503);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "open/a", Body: "x" }));
    equal(fault.hits, 1, "only the matching request was hit");
  });

  test("faults.add() stops after `times` hits and remove() takes a fault out", async () => {
    const sts = stsClient(aws);
    const fault = aws.faults.add({ service: "sts", times: 1, error: { status: 400, code: "ExpiredToken" } });
    equal((await rejection(sts.send(new GetCallerIdentityCommand({})))).name, "ExpiredToken");
    equal((await sts.send(new GetCallerIdentityCommand({}))).Account, "000000000000");
    const always = aws.faults.add({ service: "sts", error: { status: 400, code: "ExpiredToken" } });
    equal((await rejection(sts.send(new GetCallerIdentityCommand({})))).name, "ExpiredToken");
    always.remove();
    equal((await sts.send(new GetCallerIdentityCommand({}))).Account, "000000000000");
    equal(fault.hits, 1);
  });

  test("faults.add() can answer with a response of its own and delay a request", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "doc.json", Body: '{"ok":true}' }));
    aws.faults.add({
      service: "s3",
      method: "GET",
      path: /doc\.json$/,
      response: { status: 200, body: "not json" },
    });
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "doc.json" }));
    equal(await object.Body!.transformToString(), "not json");
    aws.faults.clear();
    aws.faults.add({ service: "s3", method: "GET", delayMs: 300 });
    const started = Date.now();
    const slow = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "doc.json" }));
    equal(await slow.Body!.transformToString(), '{"ok":true}');
    ok(Date.now() - started >= 280, "the request was held back");
  });
});
