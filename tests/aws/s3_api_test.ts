import { Effect } from "effect";
import { ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type LocalAwsServer, startLocalAws } from "../../local.ts";
import { awsApiLayer, S3Api } from "../../mod.ts";
import { makeS3Api } from "../../src/aws/s3_api.ts";

describe("S3Api", () => {
  let aws: LocalAwsServer;
  before(async () => {
    aws = await startLocalAws();
    await aws.ensureBucket("presign-bucket");
  });
  after(() => aws.close());

  const withS3 = <A, E>(use: (s3: S3Api) => Effect.Effect<A, E>) =>
    Effect.runPromise(
      S3Api.use(use).pipe(
        Effect.provide(
          awsApiLayer({ region: aws.region, endpoint: aws.endpoint, credentials: aws.credentials }),
        ),
      ),
    );

  test("presign() makes PUT URLs without the SDK's optional checksum, which other stores refuse", async () => {
    const url = new URL(await withS3((s3) => s3.presign("PUT", "presign-bucket", "a/b.json", 60)));
    const names = [...url.searchParams.keys()].map((name) => name.toLowerCase());
    ok(
      !names.some((name) => name.startsWith("x-amz-checksum") || name === "x-amz-sdk-checksum-algorithm"),
      url.href,
    );
    const put = await fetch(url, { method: "PUT", body: "payload" });
    equal(put.status, 200);
    const get = await fetch(await withS3((s3) => s3.presign("GET", "presign-bucket", "a/b.json", 60)));
    equal(await get.text(), "payload");
  });

  test("exists() is false for a missing object and true once it is written", async () => {
    equal(await withS3((s3) => s3.exists("presign-bucket", "missing.json")), false);
    await withS3((s3) => s3.put("presign-bucket", "present.json", "{}", "application/json"));
    equal(await withS3((s3) => s3.exists("presign-bucket", "present.json")), true);
  });
});

describe("S3Api.putPieces()", () => {
  let aws: LocalAwsServer;
  before(async () => {
    aws = await startLocalAws();
    await aws.ensureBucket("pieces-bucket");
  });
  after(() => aws.close());

  for (
    const [how, threshold] of [["one streamed PutObject", undefined], [
      "a multipart upload",
      6 * 1024 * 1024,
    ]] as const
  ) {
    test(`putPieces() writes the pieces in order as ${how}, and getBytes() reads them back`, async () => {
      const { api, close } = makeS3Api({
        clientConfig: {
          region: aws.region,
          endpoint: aws.endpoint,
          credentials: aws.credentials,
          forcePathStyle: true,
        },
        accountId: "000000000000",
        credentialsFor: () => Effect.succeed(aws.credentials),
        requestTimeoutMs: 30_000,
        multipartThresholdBytes: threshold,
        partSizeBytes: 5 * 1024 * 1024,
      });
      const whole = new Uint8Array(12 * 1024 * 1024).map((_, i) => (i * 13) % 256);
      const pieces = [whole.subarray(0, 100), whole.subarray(100, 7_000_000), whole.subarray(7_000_000)];
      aws.resetRequestCounts();
      await Effect.runPromise(api.putPieces("pieces-bucket", "obj.bin", pieces, whole.length));
      const counts = aws.requestCounts().s3;
      equal(counts.UploadPart ?? 0, threshold === undefined ? 0 : 3);
      const back = await Effect.runPromise(api.getBytes("pieces-bucket", "obj.bin"));
      equal(back.length, whole.length);
      ok(back.every((byte, i) => byte === whole[i]));
      close();
    });
  }
});
