import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  type ListMultipartUploadsCommandOutput,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { LOCAL_ACCOUNT_ID } from "../../src/local/account.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { boto3Missing, runBoto3 } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("S3 ListParts and ListMultipartUploads", () => {
  const bucket = uniqueBucket("mpu-list");
  const listBucket = uniqueBucket("mpu-pages");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket, listBucket] })));
  after(() => aws.close());

  const create = async (target: string, key: string, algorithm?: "CRC32") =>
    (await s3.send(
      new CreateMultipartUploadCommand({ Bucket: target, Key: key, ChecksumAlgorithm: algorithm }),
    ))
      .UploadId!;

  test("listParts() names the initiator, owner, storage class, checksum algorithm and next marker when parts are paged", async () => {
    const uploadId = await create(bucket, "parts/obj", "CRC32");
    for (const n of [1, 2, 3]) {
      await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: "parts/obj",
          UploadId: uploadId,
          PartNumber: n,
          Body: `p${n}`,
        }),
      );
    }
    const first = await s3.send(
      new ListPartsCommand({ Bucket: bucket, Key: "parts/obj", UploadId: uploadId, MaxParts: 2 }),
    );
    deepEqual(first.Initiator, { ID: LOCAL_ACCOUNT_ID });
    deepEqual(first.Owner, { ID: LOCAL_ACCOUNT_ID });
    equal(first.StorageClass, "STANDARD");
    equal(first.ChecksumAlgorithm, "CRC32");
    equal(first.IsTruncated, true);
    equal(first.NextPartNumberMarker, "2");
    deepEqual(first.Parts!.map((part) => part.PartNumber), [1, 2]);
    ok(first.Parts![0].ChecksumCRC32, "each part carries its checksum");
    const second = await s3.send(
      new ListPartsCommand({
        Bucket: bucket,
        Key: "parts/obj",
        UploadId: uploadId,
        PartNumberMarker: first.NextPartNumberMarker,
      }),
    );
    equal(second.IsTruncated, false);
    equal(second.PartNumberMarker, "2");
    equal(second.NextPartNumberMarker, "3");
    deepEqual(second.Parts!.map((part) => part.PartNumber), [3]);
  });

  test("listMultipartUploads() orders by key then age and resumes at key-marker and upload-id-marker when paged", async () => {
    const ids: Record<string, string> = {};
    for (const name of ["b#1", "a", "b#2", "c", "b#3"]) {
      ids[name] = await create(listBucket, name.split("#")[0]);
    }
    const expected = [["a", ids.a], ["b", ids["b#1"]], ["b", ids["b#2"]], ["b", ids["b#3"]], ["c", ids.c]];
    const seen: string[][] = [];
    let page: ListMultipartUploadsCommandOutput | undefined;
    do {
      page = await s3.send(
        new ListMultipartUploadsCommand({
          Bucket: listBucket,
          MaxUploads: 2,
          KeyMarker: page?.NextKeyMarker,
          UploadIdMarker: page?.NextUploadIdMarker,
        }),
      );
      for (const upload of page.Uploads ?? []) {
        seen.push([upload.Key!, upload.UploadId!]);
        deepEqual(upload.Initiator, { ID: LOCAL_ACCOUNT_ID });
        deepEqual(upload.Owner, { ID: LOCAL_ACCOUNT_ID });
        equal(upload.StorageClass, "STANDARD");
      }
      if (page.IsTruncated) {
        const last = page.Uploads![page.Uploads!.length - 1];
        equal(page.NextKeyMarker, last.Key);
        equal(page.NextUploadIdMarker, last.UploadId);
      }
    } while (page.IsTruncated);
    deepEqual(seen, expected);
    // A key marker alone resumes after every upload of that key.
    const afterB = await s3.send(new ListMultipartUploadsCommand({ Bucket: listBucket, KeyMarker: "b" }));
    deepEqual(afterB.Uploads!.map((upload) => upload.Key), ["c"]);
    equal(afterB.KeyMarker, "b");
  });

  test("listMultipartUploads() rolls keys up into CommonPrefixes when a delimiter is given", async () => {
    const target = bucket;
    await create(target, "dir/one");
    await create(target, "dir/two");
    await create(target, "top");
    const listed = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: target, Delimiter: "/", Prefix: "" }),
    );
    deepEqual(listed.CommonPrefixes, [{ Prefix: "dir/" }, { Prefix: "parts/" }]);
    deepEqual(listed.Uploads!.map((upload) => upload.Key), ["top"]);
    equal(listed.Delimiter, "/");
  });

  test("listParts() shows boto3 the initiator and owner when boto3 lists", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    const uploadId = await create(bucket, "py/listed");
    const out = await runBoto3(
      aws,
      [
        `r = s3.list_parts(Bucket='${bucket}', Key='py/listed', UploadId='${uploadId}')`,
        `u = s3.list_multipart_uploads(Bucket='${bucket}', Prefix='py/')['Uploads'][0]`,
        `print(json.dumps([r['Initiator'], r['Owner'], r['NextPartNumberMarker'], u['Initiator'], u['Key']]))`,
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    deepEqual(JSON.parse(out.stdout), [{ ID: LOCAL_ACCOUNT_ID }, { ID: LOCAL_ACCOUNT_ID }, 0, {
      ID: LOCAL_ACCOUNT_ID,
    }, "py/listed"]);
  });
});
