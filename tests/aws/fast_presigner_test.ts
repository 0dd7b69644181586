import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { makeFastPresigner, type UrlRequest } from "../../src/aws/fast_presigner.ts";

const keys = {
  accessKeyId: "AKIAEXAMPLEKEY123456",
  secretAccessKey: "secret",
  sessionToken: "token/with+chars=",
};
const signingDate = new Date("2026-11-26T12:00:00Z");
const key = "covalent-awslambda/d1/n1-0a1b2c3d/outcome.bin";
const owner = "123456789012";

/** A request for `my-bucket` signed at `signingDate`, with `changes`. */
function request(changes: Partial<UrlRequest> = {}): UrlRequest {
  return {
    keys,
    method: "PUT",
    bucket: "my-bucket",
    key,
    expiresSeconds: 120,
    expectedBucketOwner: owner,
    signingDate,
    ...changes,
  };
}

/** Clients for AWS itself (virtual-hosted buckets) and for an endpoint of one's own (path style). */
const clients = {
  "AWS in us-east-1": new S3Client({
    region: "us-east-1",
    credentials: keys,
    requestChecksumCalculation: "WHEN_REQUIRED",
  }),
  "AWS in eu-west-1": new S3Client({
    region: "eu-west-1",
    credentials: keys,
    requestChecksumCalculation: "WHEN_REQUIRED",
  }),
  "an endpoint of one's own": new S3Client({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:4566",
    forcePathStyle: true,
    credentials: keys,
    requestChecksumCalculation: "WHEN_REQUIRED",
  }),
};

describe("makeFastPresigner()", () => {
  for (const [where, client] of Object.entries(clients)) {
    for (const method of ["GET", "PUT"] as const) {
      test(`presign() makes exactly the SDK's ${method} URL when presigning for ${where}`, async () => {
        const presigner = makeFastPresigner();
        const command = method === "GET"
          ? new GetObjectCommand({ Bucket: "my-bucket", Key: key, ExpectedBucketOwner: owner })
          : new PutObjectCommand({ Bucket: "my-bucket", Key: key, ExpectedBucketOwner: owner });
        const sdk = await getSignedUrl(client, command, { expiresIn: 120, signingDate });
        for (let i = 0; i < 2; i++) { // the first builds the template, the second uses it
          equal(await presigner.presign(client, request({ method })), sdk);
        }
      });
    }
  }

  test("presignNow() answers only once presign() made the template, then exactly the SDK's URL", async () => {
    const client = clients["AWS in eu-west-1"];
    const presigner = makeFastPresigner();
    const sdk = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: "my-bucket", Key: key, ExpectedBucketOwner: owner }),
      { expiresIn: 120, signingDate },
    );
    equal(presigner.presignNow(request()), undefined);
    await presigner.presign(client, request({ key: "first.bin" }));
    equal(presigner.presignNow(request()), sdk);
    // Another method, another bucket, or a key that needs escaping still goes through presign().
    equal(presigner.presignNow(request({ method: "GET" })), undefined);
    equal(presigner.presignNow(request({ bucket: "other-bucket" })), undefined);
    equal(presigner.presignNow(request({ key: "a b.json" })), undefined);
  });

  test("presign() falls back to the SDK for a key that needs escaping", async () => {
    const client = clients["an endpoint of one's own"];
    const odd = "dir/a b+c!.json";
    const sdk = await getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: "my-bucket", Key: odd, ExpectedBucketOwner: owner }),
      {
        expiresIn: 60,
        signingDate,
      },
    );
    equal(
      await makeFastPresigner().presign(client, request({ method: "GET", key: odd, expiresSeconds: 60 })),
      sdk,
    );
  });
});
