/**
 * The multipart steps the checksum tests share, over one client and bucket, with the parts
 * recorded in localstack's tests/aws/services/s3/test_s3.snapshot.json
 * (TestS3MultipartUploadChecksum, recorded against S3 on 2026-02-21): 5 MiB + 1, 5 MiB + 1 and
 * 10 bytes of "a".
 */
import {
  type ChecksumAlgorithm,
  type ChecksumType,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  type CompleteMultipartUploadCommandInput,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { rejection, statusOf } from "./aws_clients.ts";

/** The recorded first and second part. */
export const BIG: Uint8Array = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61);
/** The recorded last part. */
export const TAIL: Uint8Array = BIG.subarray(0, 10);
/** S3's ETag of the three parts' object. */
export const ETAG_OF_THREE = '"4d45984fc3feb2ac9b22683c49674b56-3"';

/** The steps, bound to a client (read when called, so it may be set in `before`) and a bucket. */
export function multipartSteps(client: () => S3Client, bucket: string) {
  const create = async (key: string, ChecksumAlgorithm?: ChecksumAlgorithm, ChecksumType?: ChecksumType) =>
    await client().send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm, ChecksumType }),
    );
  const upload = async (
    key: string,
    UploadId: string,
    PartNumber: number,
    Body: Uint8Array | string,
    ChecksumAlgorithm?: ChecksumAlgorithm,
  ) =>
    await client().send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber, Body, ChecksumAlgorithm }),
    );
  /** Uploads the three recorded parts; returns them as Complete lists them (with their checksums). */
  const uploadThree = async (key: string, UploadId: string, algorithm: ChecksumAlgorithm) => {
    const parts: CompletedPart[] = [];
    for (const [index, body] of [BIG, BIG, TAIL].entries()) {
      const result = await upload(key, UploadId, index + 1, body, algorithm);
      const member = `Checksum${algorithm}` as const;
      parts.push({ PartNumber: index + 1, ETag: result.ETag, [member]: result[member] });
    }
    return parts;
  };
  const complete = (
    key: string,
    UploadId: string,
    Parts: CompletedPart[],
    extra: Partial<CompleteMultipartUploadCommandInput> = {},
  ) =>
    client().send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts },
        ...extra,
      }),
    );
  const failure = async (call: Promise<unknown>) => {
    const error = await rejection(call);
    return { name: error.name, message: error.message, status: statusOf(error) };
  };
  return { create, upload, uploadThree, complete, failure };
}
