import { Effect } from "effect";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { makeAwsClients } from "../../src/aws/aws_clients.ts";

describe("makeAwsClients()", () => {
  let aws: LocalAwsServer;
  before(async () => {
    aws = await startLocalAws();
    await aws.ensureBucket("presign-bucket");
  });
  after(() => aws.close());

  test("presign() makes PUT URLs without the SDK's optional checksum, which other stores refuse", async () => {
    const clients = makeAwsClients(aws.region, aws.credentials, aws.endpoint);
    const url = new URL(await Effect.runPromise(clients.presign("PUT", "presign-bucket", "a/b.json", 60)));
    const names = [...url.searchParams.keys()].map((name) => name.toLowerCase());
    ok(
      !names.some((name) => name.startsWith("x-amz-checksum") || name === "x-amz-sdk-checksum-algorithm"),
      url.href,
    );
    const put = await fetch(url, { method: "PUT", body: "payload" });
    equal(put.status, 200);
    const get = await fetch(
      await Effect.runPromise(clients.presign("GET", "presign-bucket", "a/b.json", 60)),
    );
    equal(await get.text(), "payload");
    clients.s3.destroy();
  });
});
