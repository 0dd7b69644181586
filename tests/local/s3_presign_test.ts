import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("S3 presigned URLs", () => {
  const bucket = uniqueBucket("presign");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());

  const read = async (key: string) =>
    await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();

  test("a presigned GET URL serves the object to plain fetch", async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "dir/a b.txt",
        Body: "presigned body",
        ContentType: "text/plain",
      }),
    );
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "dir/a b.txt" }), {
      expiresIn: 60,
    });
    ok(url.includes("X-Amz-Signature="));
    const response = await fetch(url);
    equal(response.status, 200);
    equal(response.headers.get("content-type"), "text/plain");
    equal(await response.text(), "presigned body");
  });

  test("a presigned GET URL honours a Range header and response-content-disposition", async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "ranged", Body: "0123456789" }));
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: bucket, Key: "ranged", ResponseContentDisposition: "attachment" }),
    );
    const response = await fetch(url, { headers: { range: "bytes=2-4" } });
    equal(response.status, 206);
    equal(response.headers.get("content-range"), "bytes 2-4/10");
    equal(response.headers.get("content-disposition"), "attachment");
    equal(await response.text(), "234");
  });

  test("a presigned PUT URL stores the body and ignores the empty-body checksum in its query", async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: "upload/u.bin" }), {
      expiresIn: 60,
    });
    ok(url.includes("x-amz-checksum-crc32=AAAAAA%3D%3D"), "the presigner signs the CRC32 of an empty body");
    const response = await fetch(url, { method: "PUT", body: "123456" });
    equal(response.status, 200, await response.clone().text());
    ok(response.headers.get("etag"));
    await response.body?.cancel();
    equal(await read("upload/u.bin"), "123456");
  });

  test("a presigned PUT URL carries metadata in its query into the object", async () => {
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: "upload/meta", Metadata: { source: "presigned" } }),
    );
    const response = await fetch(url, { method: "PUT", body: "m", headers: { "content-type": "text/csv" } });
    equal(response.status, 200);
    await response.body?.cancel();
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "upload/meta" }));
    deepEqual(head.Metadata, { source: "presigned" });
    equal(head.ContentType, "text/csv");
  });

  test("a presigned URL used for another key is refused with SignatureDoesNotMatch", async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "ranged" }));
    const response = await fetch(url.replace("/ranged?", "/other?"));
    equal(response.status, 403);
    ok((await response.text()).includes("<Code>SignatureDoesNotMatch</Code>"));
  });

  test("an expired presigned URL is refused with AccessDenied", async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "ranged" }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 60_000),
    });
    const response = await fetch(url);
    equal(response.status, 403);
    ok((await response.text()).includes("<Code>AccessDenied</Code>"));
  });
});
