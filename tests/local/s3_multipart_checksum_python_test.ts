import { type S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { awsCliMissing, boto3Missing, runBoto3, runWithAws } from "../support/python_clients.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";
import { tempDirForSuite } from "../support/temp_dir_for_suite.ts";

const MiB = 1024 * 1024;

describe("S3 multipart upload checksums with boto3 and the AWS CLI", () => {
  const bucket = uniqueBucket("mpu-checksum-py");
  let aws: LocalAwsServer;
  let s3: S3Client;
  before(async () => ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] })));
  after(() => aws.close());
  const scratch = tempDirForSuite("s3-mpu-checksum-py");
  /** A 17 MiB file: three parts at s3transfer's 8 MiB chunk size. */
  const bigFile = async (name: string) => {
    const path = join(scratch, name);
    await writeFile(path, new Uint8Array(17 * MiB).map((_, i) => (i * 7) % 256));
    return path;
  };

  test("upload_file() from boto3 gets a COMPOSITE CRC32 object that boto3 reads back checked", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    const path = await bigFile("boto3.bin");
    const out = await runBoto3(
      aws,
      [
        `s3.upload_file('${path}', '${bucket}', 'boto3/default')`,
        `h = s3.head_object(Bucket='${bucket}', Key='boto3/default', ChecksumMode='ENABLED')`,
        `g = s3.get_object(Bucket='${bucket}', Key='boto3/default', ChecksumMode='ENABLED')`,
        `same = g['Body'].read() == open('${path}', 'rb').read()`,
        `p = s3.get_object(Bucket='${bucket}', Key='boto3/default', PartNumber=3, ChecksumMode='ENABLED')`,
        `p['Body'].read()`,
        `print(json.dumps([h['ETag'][-3:], h.get('ChecksumCRC32', '')[-2:], h['ChecksumType'], same, p['ChecksumType']]))`,
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    deepEqual(JSON.parse(out.stdout), ['-3"', "-3", "COMPOSITE", true, "COMPOSITE"]);
  });

  test("upload_file() from boto3 with a full-object CRC32 stores it, and refuses a wrong one", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    const path = await bigFile("boto3-full.bin");
    const out = await runBoto3(
      aws,
      [
        "import base64, zlib",
        `crc = base64.b64encode(zlib.crc32(open('${path}', 'rb').read()).to_bytes(4, 'big')).decode()`,
        `s3.upload_file('${path}', '${bucket}', 'boto3/full', ExtraArgs={'ChecksumCRC32': crc})`,
        `h = s3.head_object(Bucket='${bucket}', Key='boto3/full', ChecksumMode='ENABLED')`,
        // botocore's legacy retry mode retries BadDigest (its _retry.json): one attempt is enough here.
        "once = boto3.client('s3', config=botocore.config.Config(s3={'addressing_style': 'path'}, retries={'total_max_attempts': 1}))",
        "try:",
        `    once.upload_file('${path}', '${bucket}', 'boto3/wrong', ExtraArgs={'ChecksumCRC32': 'AAAAAA=='})`,
        "    refused = None",
        "except Exception as e:",
        // s3transfer wraps the ClientError: its text names the code and the operation.
        "    refused = str(e)",
        `print(json.dumps([h['ChecksumCRC32'] == crc, h['ChecksumType'], refused]))`,
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    const [stored, type, refused] = JSON.parse(out.stdout);
    deepEqual([stored, type], [true, "FULL_OBJECT"]);
    ok(String(refused).includes("BadDigest"), `the wrong checksum is refused: ${refused}`);
  });

  test("list_parts() and complete_multipart_upload() from boto3 follow a FULL_OBJECT CRC32C upload", async (t) => {
    const missing = boto3Missing();
    if (missing) return t.skip(missing);
    // The part goes up through the JS SDK; boto3 needs the optional awscrt package for CRC32C.
    const created = await runBoto3(
      aws,
      `r = s3.create_multipart_upload(Bucket='${bucket}', Key='boto3/crc32c', ChecksumAlgorithm='CRC32C', ChecksumType='FULL_OBJECT')\n` +
        `print(json.dumps([r['UploadId'], r['ChecksumAlgorithm'], r['ChecksumType']]))`,
    );
    equal(created.code, 0, created.stderr);
    const [uploadId, algorithm, type] = JSON.parse(created.stdout);
    deepEqual([algorithm, type], ["CRC32C", "FULL_OBJECT"]);
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: "boto3/crc32c",
        UploadId: uploadId,
        PartNumber: 1,
        Body: "abc",
        ChecksumAlgorithm: "CRC32C",
      }),
    );
    equal(part.ChecksumCRC32C, "Nks/tw==");
    const out = await runBoto3(
      aws,
      [
        `l = s3.list_parts(Bucket='${bucket}', Key='boto3/crc32c', UploadId='${uploadId}')`,
        `parts = {'Parts': [{'PartNumber': 1, 'ETag': '${part.ETag}', 'ChecksumCRC32C': 'Nks/tw=='}]}`,
        "try:",
        `    s3.complete_multipart_upload(Bucket='${bucket}', Key='boto3/crc32c', UploadId='${uploadId}', MultipartUpload=parts, ChecksumType='COMPOSITE')`,
        "except Exception as e:",
        "    wrong_type = e.response['Error']['Code']",
        `c = s3.complete_multipart_upload(Bucket='${bucket}', Key='boto3/crc32c', UploadId='${uploadId}', MultipartUpload=parts, ChecksumCRC32C='Nks/tw==', ChecksumType='FULL_OBJECT')`,
        `print(json.dumps([l['ChecksumType'], l['Parts'][0]['ChecksumCRC32C'], wrong_type, c['ChecksumCRC32C'], c['ChecksumType']]))`,
      ].join("\n"),
    );
    equal(out.code, 0, out.stderr);
    deepEqual(JSON.parse(out.stdout), [
      "FULL_OBJECT",
      "Nks/tw==",
      "InvalidRequest",
      "Nks/tw==",
      "FULL_OBJECT",
    ]);
  });

  test("aws s3 cp of a large file gives a COMPOSITE CRC32 object, as head-object shows", async (t) => {
    const missing = awsCliMissing();
    if (missing) return t.skip(missing);
    const path = await bigFile("cli.bin");
    const copied = await runWithAws(aws, "aws", [
      "s3",
      "cp",
      path,
      `s3://${bucket}/cli/big.bin`,
      "--only-show-errors",
    ]);
    equal(copied.code, 0, copied.stderr);
    const head = await runWithAws(aws, "aws", [
      "s3api",
      "head-object",
      "--bucket",
      bucket,
      "--key",
      "cli/big.bin",
      "--checksum-mode",
      "ENABLED",
    ]);
    equal(head.code, 0, head.stderr);
    const described = JSON.parse(head.stdout);
    equal(described.ChecksumType, "COMPOSITE");
    ok(described.ChecksumCRC32?.endsWith("-3"), described.ChecksumCRC32);
    const created = await runWithAws(aws, "aws", [
      "s3api",
      "create-multipart-upload",
      "--bucket",
      bucket,
      "--key",
      "cli/nvme",
      "--checksum-algorithm",
      "CRC64NVME",
    ]);
    equal(created.code, 0, created.stderr);
    deepEqual(
      [JSON.parse(created.stdout).ChecksumAlgorithm, JSON.parse(created.stdout).ChecksumType],
      ["CRC64NVME", "FULL_OBJECT"],
    );
  });
});
