import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import { match, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { awsCliMissing, boto3Missing, runBoto3, runWithAws } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

/** A SigV2 query-signed URL, signed by hand from S3's documentation (RESTAuthentication.html). */
function sigV2Url(
  aws: LocalAwsServer,
  method: string,
  path: string,
  expires: number,
  secret?: string,
): string {
  const stringToSign = `${method}\n\n\n${expires}\n${path}`;
  const signature = createHmac("sha1", secret ?? aws.credentials.secretAccessKey).update(stringToSign)
    .digest("base64");
  const query = new URLSearchParams({
    AWSAccessKeyId: aws.credentials.accessKeyId,
    Expires: String(expires),
    Signature: signature,
  });
  return `${aws.endpoint}${path}?${query}`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe("S3 SigV2 presigned URLs", () => {
  const bucket = uniqueBucket("sigv2");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "dir/a b.txt", Body: "sigv2 body" }));
  });
  after(() => aws.close());

  test("authenticate() honours a SigV2 presigned GET when the signature matches", async () => {
    const response = await fetch(sigV2Url(aws, "GET", `/${bucket}/dir/a%20b.txt`, inAnHour()));
    equal(response.status, 200);
    equal(await response.text(), "sigv2 body");
  });

  test("authenticate() refuses a SigV2 presigned GET with SignatureDoesNotMatch when the secret is wrong", async () => {
    const response = await fetch(sigV2Url(aws, "GET", `/${bucket}/dir/a%20b.txt`, inAnHour(), "wrong"));
    equal(response.status, 403);
    match(await response.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  test("authenticate() refuses a SigV2 presigned GET with AccessDenied when it has expired", async () => {
    const expired = Math.floor(Date.now() / 1000) - 10;
    const response = await fetch(sigV2Url(aws, "GET", `/${bucket}/dir/a%20b.txt`, expired));
    equal(response.status, 403);
    const body = await response.text();
    match(body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  test("authenticate() honours a SigV2 presigned PUT when the body is uploaded with fetch", async () => {
    const url = sigV2Url(aws, "PUT", `/${bucket}/put-by-url`, inAnHour());
    // Bytes, so fetch adds no Content-Type (SigV2 signs it, and this URL was signed without one).
    equal((await fetch(url, { method: "PUT", body: new TextEncoder().encode("uploaded") })).status, 200);
    const read = await fetch(sigV2Url(aws, "GET", `/${bucket}/put-by-url`, inAnHour()));
    equal(await read.text(), "uploaded");
  });

  test("authenticate() honours boto3's generate_presigned_url when it signs with SigV2", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    const out = await runBoto3(
      aws,
      `print(s3.generate_presigned_url('get_object', Params={'Bucket': '${bucket}', 'Key': 'dir/a b.txt'}))`,
    );
    equal(out.code, 0, out.stderr);
    const url = out.stdout.trim();
    ok(url.includes("AWSAccessKeyId="), `boto3 signed with SigV4 here: ${url}`);
    const response = await fetch(url);
    equal(response.status, 200);
    equal(await response.text(), "sigv2 body");
  });

  test("authenticate() honours the AWS CLI's s3 presign when it signs with SigV2", async (t) => {
    const missing = awsCliMissing();
    if (missing) return t.skip(missing);
    const out = await runWithAws(aws, "aws", ["s3", "presign", `s3://${bucket}/dir/a b.txt`]);
    equal(out.code, 0, out.stderr);
    const url = out.stdout.trim();
    ok(url.includes("AWSAccessKeyId="), `the CLI signed with SigV4 here: ${url}`);
    const response = await fetch(url);
    equal(response.status, 200);
    equal(await response.text(), "sigv2 body");
    const forged = url.replace(
      /Signature=[^&]+/,
      `Signature=${encodeURIComponent(Buffer.alloc(20).toString("base64"))}`,
    );
    equal((await fetch(forged)).status, 403);
  });
});
