/**
 * Conformance: an everyday S3 journey through the AWS CLI (`aws s3` on s3transfer, and
 * `aws s3api`), checked with the JS SDK where the two should agree.
 *
 * @module
 */
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { rejection } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { awsCliMissing, type ChildOutput, runWithAws } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

/** The CLI's default `multipart_chunksize` and `multipart_threshold` (8 MiB, S: DOC cli s3-config). */
const CHUNK = 8 * 1024 * 1024;
const BIG_SIZE = 20 * 1024 * 1024;

function md5(data: Uint8Array): Buffer {
  return createHash("md5").update(data).digest();
}

/** S3's multipart ETag: MD5 of the parts' binary MD5s, then `-<parts>` (S: DOC checking-object-integrity). */
function multipartEtag(data: Uint8Array, partSize: number): string {
  const digests: Buffer[] = [];
  for (let start = 0; start < data.length; start += partSize) {
    digests.push(md5(data.subarray(start, start + partSize)));
  }
  return `"${md5(Buffer.concat(digests)).toString("hex")}-${digests.length}"`;
}

function succeeded(out: ChildOutput): string {
  strictEqual(out.code, 0, out.stderr);
  return out.stdout;
}

describe("the AWS CLI against local S3", () => {
  const missing = awsCliMissing();
  const bucket = uniqueBucket("cli-journey");
  let aws: LocalAwsServer;
  let s3: S3Client;
  let dir: string;
  let big: Uint8Array;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture());
    dir = await mkdtemp(join(tmpdir(), "conformance-cli-s3-"));
    big = randomBytes(BIG_SIZE);
    await writeFile(join(dir, "small.txt"), "hello, cli\n");
    await writeFile(join(dir, "big.bin"), big);
  });
  after(async () => {
    await aws.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) => runWithAws(aws, "aws", args);

  test("aws s3 mb creates a bucket that HeadBucket finds", async (t) => {
    if (missing) return t.skip(missing);
    strictEqual(succeeded(await cli("s3", "mb", `s3://${bucket}`)).trim(), `make_bucket: ${bucket}`);
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    strictEqual(head.$metadata.httpStatusCode, 200);
    strictEqual(head.BucketRegion, "us-east-1");
  });

  test("aws s3 cp uploads a small file in one PutObject with the content type guessed from its name", async (t) => {
    if (missing) return t.skip(missing);
    const out = succeeded(await cli("s3", "cp", join(dir, "small.txt"), `s3://${bucket}/dir/small.txt`));
    match(out, new RegExp(`upload: .*small\\.txt to s3://${bucket}/dir/small\\.txt`));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "dir/small.txt" }));
    strictEqual(await got.Body?.transformToString(), "hello, cli\n");
    strictEqual(got.ContentType, "text/plain");
    strictEqual(got.ETag, `"${md5(new TextEncoder().encode("hello, cli\n")).toString("hex")}"`);
  });

  test("aws s3 cp uploads 20 MB as a three-part multipart upload and downloads it back intact", async (t) => {
    if (missing) return t.skip(missing);
    succeeded(await cli("s3", "cp", join(dir, "big.bin"), `s3://${bucket}/dir/big.bin`));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "dir/big.bin" }));
    strictEqual(head.ContentLength, BIG_SIZE);
    strictEqual(head.ETag, multipartEtag(big, CHUNK));
    // The download is itself split into ranged GETs of one chunk each.
    const copy = join(dir, "big.copy");
    succeeded(await cli("s3", "cp", `s3://${bucket}/dir/big.bin`, copy));
    const back = await readFile(copy);
    strictEqual(back.length, BIG_SIZE);
    ok(Buffer.from(big).equals(back), "the downloaded bytes differ from the uploaded ones");
  });

  test("aws s3 ls lists buckets, common prefixes and objects with their sizes", async (t) => {
    if (missing) return t.skip(missing);
    const [buckets, top, recursive] = await Promise.all([
      cli("s3", "ls"),
      cli("s3", "ls", `s3://${bucket}/`),
      cli("s3", "ls", `s3://${bucket}/`, "--recursive"),
    ]);
    match(succeeded(buckets), new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${bucket}$`, "m"));
    strictEqual(succeeded(top).trim(), "PRE dir/");
    const listed = succeeded(recursive).trim().split("\n").map((line) => line.split(/\s+/).slice(2));
    deepStrictEqual(listed, [[String(BIG_SIZE), "dir/big.bin"], ["11", "dir/small.txt"]]);
  });

  test("aws s3api head-object gives the length, ETag and type the JS SDK gives", async (t) => {
    if (missing) return t.skip(missing);
    const head = JSON.parse(succeeded(
      await cli("s3api", "head-object", "--bucket", bucket, "--key", "dir/big.bin", "--output", "json"),
    ));
    const fromJs = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "dir/big.bin" }));
    strictEqual(head.ContentLength, BIG_SIZE);
    strictEqual(head.ETag, fromJs.ETag);
    strictEqual(head.ContentType, fromJs.ContentType);
    strictEqual(head.AcceptRanges, "bytes");
    deepStrictEqual(head.Metadata, {});
    strictEqual(new Date(head.LastModified).getTime(), fromJs.LastModified?.getTime());
  });

  test("aws s3api head-object exits 255 with the bare 404 when the key is missing", async (t) => {
    if (missing) return t.skip(missing);
    const out = await cli("s3api", "head-object", "--bucket", bucket, "--key", "dir/absent");
    strictEqual(out.code, 255);
    // A HEAD error has no body, so botocore can only name the status (S: DOC API_HeadObject).
    match(out.stderr, /An error occurred \(404\) when calling the HeadObject operation: Not Found/);
  });

  test("aws s3 presign makes URLs that fetch() can GET, with SigV2 by default and SigV4 when configured", async (t) => {
    if (missing) return t.skip(missing);
    const config = join(dir, "s3v4.config");
    await writeFile(config, "[default]\ns3 =\n    signature_version = s3v4\n");
    const [v2, v4] = (await Promise.all([
      cli("s3", "presign", `s3://${bucket}/dir/small.txt`, "--expires-in", "300"),
      runWithAws(aws, "aws", ["s3", "presign", `s3://${bucket}/dir/small.txt`], { AWS_CONFIG_FILE: config }),
    ])).map((out) => succeeded(out).trim());
    match(v2, /[?&]AWSAccessKeyId=test&Signature=[^&]+&Expires=\d+$/);
    match(v4, /[?&]X-Amz-Algorithm=AWS4-HMAC-SHA256&/);
    for (const url of [v2, v4]) {
      const response = await fetch(url);
      strictEqual(response.status, 200, url);
      strictEqual(await response.text(), "hello, cli\n");
    }
    const tampered = await fetch(v4.replace("dir/small.txt", "dir/big.bin"));
    strictEqual(tampered.status, 403);
    match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  test("listBuckets() and listObjectsV2() with FetchOwner name the owner by ID only, as S3 does since 2025-11-21", async (t) => {
    // S: docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html (end of support for DisplayName).
    const buckets = await s3.send(new ListBucketsCommand({}));
    deepStrictEqual(buckets.Owner, { ID: "000000000000" });
    if (missing) return t.skip(missing);
    const [listedBuckets, listedObjects] = await Promise.all([
      cli("s3api", "list-buckets", "--output", "json"),
      cli("s3api", "list-objects-v2", "--bucket", bucket, "--fetch-owner", "--output", "json"),
    ]);
    deepStrictEqual(JSON.parse(succeeded(listedBuckets)).Owner, { ID: "000000000000" });
    const contents = JSON.parse(succeeded(listedObjects)).Contents as { Key: string; Owner: unknown }[];
    deepStrictEqual(contents.map((object) => [object.Key, object.Owner]), [
      ["dir/big.bin", { ID: "000000000000" }],
      ["dir/small.txt", { ID: "000000000000" }],
    ]);
  });

  test("aws s3 rb refuses a bucket that still has objects with BucketNotEmpty", async (t) => {
    if (missing) return t.skip(missing);
    const out = await cli("s3", "rb", `s3://${bucket}`);
    strictEqual(out.code, 1);
    match(out.stderr, /An error occurred \(BucketNotEmpty\) when calling the DeleteBucket operation/);
  });

  test("aws s3 rm --recursive deletes every object, and aws s3 rb then removes the bucket", async (t) => {
    if (missing) return t.skip(missing);
    const removed = succeeded(await cli("s3", "rm", `s3://${bucket}/`, "--recursive")).trim().split("\n")
      .sort();
    deepStrictEqual(removed, [`delete: s3://${bucket}/dir/big.bin`, `delete: s3://${bucket}/dir/small.txt`]);
    strictEqual(succeeded(await cli("s3", "rb", `s3://${bucket}`)).trim(), `remove_bucket: ${bucket}`);
    const error = await rejection(s3.send(new HeadBucketCommand({ Bucket: bucket })));
    strictEqual(error.name, "NotFound");
  });
});
