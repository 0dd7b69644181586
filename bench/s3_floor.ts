/**
 * The S3 floor, a hand-written version of the old design over the raw SDK: PutObject of the
 * value, an Invoke of a one-line handler that GETs it through a presigned URL and PUTs the result
 * through another, then GetObject of the result.
 *
 * @module
 */
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { invokeJson } from "./floors.ts";

/** The S3 floor's handler: reads `{ n }` through `e.get`, writes `n + 1` through `e.put`. */
export const S3_FLOOR_SOURCE = [
  "export const handler = async (e) => {",
  "  const got = await fetch(e.get); if (!got.ok) throw new Error(`GET ${got.status}`);",
  "  const { n } = await got.json();",
  '  const put = await fetch(e.put, { method: "PUT", body: JSON.stringify(n + 1) });',
  "  if (!put.ok) throw new Error(`PUT ${put.status}`);",
  '  return "done";',
  "};",
  "",
].join("\n");

/** The S3 floor for one value: PUT, presign GET and PUT, Invoke, GET. */
export async function s3Floor(
  lambda: LambdaClient,
  s3: S3Client,
  bucket: string,
  name: string,
  n: number,
  id: string,
): Promise<number> {
  const inKey = `bench/s3-floor/${id}/in.json`;
  const outKey = `bench/s3-floor/${id}/out.json`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: inKey, Body: JSON.stringify({ n }) }));
  const get = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: inKey }), {
    expiresIn: 300,
  });
  const put = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: outKey }), {
    expiresIn: 300,
  });
  await invokeJson(lambda, name, { get, put });
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: outKey }));
  const value = JSON.parse(await out.Body!.transformToString());
  if (value !== n + 1) throw new Error(`S3 floor answered ${JSON.stringify(value)} for ${n}`);
  return value;
}
