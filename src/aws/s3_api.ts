/**
 * `S3Api`: the S3 calls the executor makes, each naming the caller's account as the expected
 * bucket owner, each abortable, each failing with an `AwsError`.
 *
 * @module
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import { Context, Effect } from "effect";
import type { CredentialsError } from "../config/config_error.ts";
import { awsCall } from "./aws_call.ts";
import type { AwsError } from "./aws_error.ts";
import type { AwsCredentials } from "./aws_credentials.ts";
import { makeFastPresigner } from "./fast_presigner.ts";
import { byteRanges } from "../runtime/byte_ranges.ts";

/**
 * An object found by a listing.
 *
 * @example
 * ```ts
 * import type { ListedObject } from "@covalent/awslambda";
 * const object: ListedObject = { key: "covalent-awslambda/d/n/task.json", lastModified: new Date() };
 * ```
 */
export interface ListedObject {
  /** The key. */
  readonly key: string;
  /** When it was last written. */
  readonly lastModified: Date;
}

/**
 * The S3 calls of the executor.
 *
 * @example Read an object of your own through the executor's S3
 * ```ts
 * import { Effect } from "effect";
 * import { S3Api } from "@covalent/awslambda";
 * const text = S3Api.use((s3) => s3.getText("my-bucket", "notes.txt"));
 * ```
 */
export interface S3Api {
  /** The region of a bucket (HeadBucket); fails `WrongRegion` with the bucket's region when not this one. */
  bucketRegion(bucket: string): Effect.Effect<string, AwsError>;
  /** Writes an object. */
  put(
    bucket: string,
    key: string,
    body: string | Uint8Array,
    contentType?: string,
  ): Effect.Effect<void, AwsError>;
  /** Whether an object exists (HeadObject); a missing one is `false`, any other failure an error. */
  exists(bucket: string, key: string): Effect.Effect<boolean, AwsError>;
  /** Reads an object as UTF-8 text. */
  getText(bucket: string, key: string): Effect.Effect<string, AwsError>;
  /**
   * Reads an object's bytes into one buffer of its size. Given the size, a large object is read
   * as a few byte ranges at once (S3's advice for throughput).
   */
  getBytes(bucket: string, key: string, size?: number): Effect.Effect<Uint8Array, AwsError>;
  /**
   * Writes an object from pieces, streamed (no joined copy); large ones as a multipart upload
   * with a few parts in flight.
   */
  putPieces(
    bucket: string,
    key: string,
    pieces: readonly Uint8Array[],
    byteLength: number,
  ): Effect.Effect<void, AwsError>;
  /** Deletes objects (1,000 per request); returns the keys S3 could not delete, with S3's code. */
  deleteObjects(
    bucket: string,
    keys: readonly string[],
  ): Effect.Effect<readonly { readonly key: string; readonly code: string }[], AwsError>;
  /** Every object under a prefix. */
  list(bucket: string, prefix: string): Effect.Effect<readonly ListedObject[], AwsError>;
  /**
   * A URL that lets its holder GET or PUT one object for `expiresSeconds`, signed with
   * credentials that outlive it (refreshed first if needed).
   */
  presign(
    method: "GET" | "PUT",
    bucket: string,
    key: string,
    expiresSeconds: number,
  ): Effect.Effect<string, AwsError | CredentialsError>;
}

/**
 * The service key of `S3Api`.
 *
 * @example
 * ```ts
 * import { S3Api } from "@covalent/awslambda";
 * const region = S3Api.use((s3) => s3.bucketRegion("my-bucket"));
 * ```
 */
export const S3Api: Context.Service<S3Api, S3Api> = Context.Service<S3Api>("@covalent/awslambda/S3Api");

/** What `makeS3Api` needs. */
export interface S3ApiOptions {
  /** How to build the client (region, endpoint, credential provider, request handler). */
  readonly clientConfig: S3ClientConfig;
  /** The caller's account, sent as the expected bucket owner on every call. */
  readonly accountId: string;
  /** Credentials that last at least the given seconds, for presigning. */
  readonly credentialsFor: (seconds: number) => Effect.Effect<AwsCredentials, CredentialsError>;
  /** Longest a single small request may take, milliseconds. */
  readonly requestTimeoutMs: number;
  /** Objects above this size are written as multipart uploads (default 512 MiB). */
  readonly multipartThresholdBytes?: number;
  /** Size of each part of a multipart upload (default 16 MiB; S3's minimum is 5 MiB). */
  readonly partSizeBytes?: number;
}

/**
 * Builds the S3 calls over a new client; `close()` releases its connections.
 *
 * @param options The client's configuration, the caller's account and how to get
 *   long-enough credentials.
 * @returns The service and how to release it.
 */
export function makeS3Api(options: S3ApiOptions): { readonly api: S3Api; close(): void } {
  const { clientConfig, accountId: ExpectedBucketOwner, requestTimeoutMs: requestTimeout } = options;
  const multipartThreshold = options.multipartThresholdBytes ?? MULTIPART_THRESHOLD;
  const partSize = options.partSizeBytes ?? PART_SIZE;
  const client = new S3Client(clientConfig);
  const at = (bucket: string, key?: string) => key === undefined ? `s3://${bucket}` : `s3://${bucket}/${key}`;
  let signer: { readonly keys: AwsCredentials; readonly client: S3Client } | undefined;
  const presigner = makeFastPresigner();
  const signerFor = (keys: AwsCredentials) => {
    if (signer?.keys !== keys) {
      signer?.client.destroy();
      // The presigning client holds these exact keys, so a URL never outlives what signed it.
      signer = { keys, client: new S3Client({ ...clientConfig, credentials: keys }) };
    }
    return signer.client;
  };
  const getObject = <A>(
    bucket: string,
    key: string,
    read: (
      body: NonNullable<GetObjectCommandOutput["Body"]>,
      contentLength: number | undefined,
    ) => Promise<A>,
  ) =>
    awsCall(
      { service: "s3", operation: "GetObject", resource: at(bucket, key) },
      async (abortSignal) => {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner }),
          { abortSignal },
        );
        return await read(object.Body!, object.ContentLength);
      },
    );
  /** Reads bytes `start`–`end` of an object into `into` at `start`; a short range is an error. */
  const readRange = async (
    bucket: string,
    key: string,
    start: number,
    end: number,
    into: Uint8Array,
    abortSignal: AbortSignal,
  ) => {
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}`, ExpectedBucketOwner }),
      { abortSignal },
    );
    if (object.$metadata.httpStatusCode !== 206) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw rangeIgnored(start, end);
    }
    let offset = start;
    for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
      if (offset + chunk.length > end + 1) throw brokenRange(`more than bytes ${start}-${end}`);
      into.set(chunk, offset);
      offset += chunk.length;
    }
    if (offset !== end + 1) throw brokenRange(`${offset - start} of bytes ${start}-${end}`);
  };
  const api: S3Api = {
    bucketRegion: (bucket) =>
      awsCall(
        { service: "s3", operation: "HeadBucket", resource: at(bucket) },
        (abortSignal) =>
          client.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner }), {
            abortSignal,
            requestTimeout,
          }),
      ).pipe(Effect.map((head) => head.BucketRegion ?? "us-east-1")),
    put: (bucket, key, body, contentType) =>
      awsCall(
        { service: "s3", operation: "PutObject", resource: at(bucket, key) },
        (abortSignal) =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: body,
              ContentType: contentType,
              ExpectedBucketOwner,
            }),
            { abortSignal },
          ),
      ).pipe(Effect.asVoid),
    exists: (bucket, key) =>
      awsCall(
        { service: "s3", operation: "HeadObject", resource: at(bucket, key) },
        (abortSignal) =>
          client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner }), {
            abortSignal,
            requestTimeout,
          }),
      ).pipe(
        Effect.as(true),
        Effect.catchIf((error) => error.reason._tag === "NotFound", () => Effect.succeed(false)),
      ),
    getText: (bucket, key) => getObject(bucket, key, (body) => body.transformToString("utf-8")),
    getBytes: (bucket, key, size) => {
      const ranges = byteRanges(size);
      return ranges === undefined
        ? getObject(
          bucket,
          key,
          (body, contentLength) => readBody(body as AsyncIterable<Uint8Array>, contentLength),
        )
        : awsCall(
          { service: "s3", operation: "GetObject", resource: at(bucket, key) },
          async (abortSignal) => {
            const bytes = new Uint8Array(size!);
            // The first range to fail fails the read: the others stop rather than run on.
            const ranged = new AbortController();
            const stop = () => ranged.abort();
            abortSignal.addEventListener("abort", stop, { once: true });
            try {
              await Promise.all(
                ranges.map(({ start, end }) =>
                  readRange(bucket, key, start, end, bytes, ranged.signal).catch((error) => {
                    stop();
                    throw error;
                  })
                ),
              );
            } finally {
              abortSignal.removeEventListener("abort", stop);
            }
            return bytes;
          },
        );
    },
    putPieces: (bucket, key, pieces, byteLength) =>
      awsCall(
        {
          service: "s3",
          operation: byteLength > multipartThreshold ? "multipart upload" : "PutObject",
          resource: at(bucket, key),
        },
        async (abortSignal) => {
          if (byteLength <= multipartThreshold) {
            await client.send(
              new PutObjectCommand({
                Bucket: bucket,
                Key: key,
                Body: Readable.from(pieces),
                ContentLength: byteLength,
                ContentType: "application/octet-stream",
                ExpectedBucketOwner,
              }),
              { abortSignal },
            );
            return;
          }
          const upload = new Upload({
            client,
            params: {
              Bucket: bucket,
              Key: key,
              Body: Readable.from(pieces),
              ContentType: "application/octet-stream",
              ExpectedBucketOwner,
            },
            partSize,
            queueSize: PARTS_IN_FLIGHT,
            leavePartsOnError: false,
          });
          abortSignal.addEventListener("abort", () => void upload.abort().catch(() => undefined), {
            once: true,
          });
          await upload.done();
        },
      ).pipe(Effect.asVoid),
    deleteObjects: (bucket, keys) =>
      Effect.forEach(chunks(keys, 1000), (batch) =>
        awsCall(
          { service: "s3", operation: "DeleteObjects", resource: at(bucket) },
          (abortSignal) =>
            client.send(
              new DeleteObjectsCommand({
                Bucket: bucket,
                Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
                ExpectedBucketOwner,
              }),
              { abortSignal, requestTimeout },
            ),
        ).pipe(
          Effect.map((result) =>
            (result.Errors ?? []).map((e) => ({ key: e.Key ?? "", code: e.Code ?? "" }))
          ),
        )).pipe(
          Effect.map((failures) => failures.flat()),
        ),
    list: (bucket, prefix) =>
      awsCall(
        { service: "s3", operation: "ListObjectsV2", resource: at(bucket, prefix) },
        async (abortSignal) => {
          const found: ListedObject[] = [];
          let ContinuationToken: string | undefined;
          do {
            const page = await client.send(
              new ListObjectsV2Command({
                Bucket: bucket,
                Prefix: prefix,
                ContinuationToken,
                ExpectedBucketOwner,
              }),
              { abortSignal, requestTimeout },
            );
            for (const object of page.Contents ?? []) {
              if (object.Key && object.LastModified) {
                found.push({
                  key: object.Key,
                  lastModified: object.LastModified,
                });
              }
            }
            ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
          } while (ContinuationToken);
          return found;
        },
      ),
    presign: (method, bucket, key, expiresSeconds) =>
      options.credentialsFor(expiresSeconds).pipe(
        Effect.flatMap((keys) => {
          const request = {
            keys,
            method,
            bucket,
            key,
            expiresSeconds,
            expectedBucketOwner: ExpectedBucketOwner,
          };
          // Every URL after the first of a bucket and method is pure computation: no promise.
          const url = presigner.presignNow(request);
          if (url !== undefined) return Effect.succeed(url);
          return awsCall(
            { service: "s3", operation: `presign ${method}`, resource: at(bucket, key) },
            () => presigner.presign(signerFor(keys), request),
          );
        }),
      ),
  };
  return {
    api,
    close: () => {
      client.destroy();
      signer?.client.destroy();
    },
  };
}

/**
 * Objects up to this size stream straight from the value's own memory in one PutObject (no
 * part buffers, so the client holds no copy); larger ones go as a multipart upload, whose
 * parts are copied into buffers (`PART_SIZE` × `PARTS_IN_FLIGHT` at most) but travel in
 * parallel. S3 takes up to 5 GB in one PutObject.
 */
const MULTIPART_THRESHOLD = 512 * 1024 * 1024;
const PART_SIZE = 16 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

/**
 * The PUT-class requests `putPieces` makes for `byteLength` bytes with the default threshold
 * and part size: one PutObject, or a multipart upload's create, parts and complete.
 *
 * @param byteLength The object's size.
 * @returns How many requests.
 */
export function writeRequests(byteLength: number): number {
  return byteLength > MULTIPART_THRESHOLD ? 2 + Math.ceil(byteLength / PART_SIZE) : 1;
}

/** Reads a body into one buffer, preallocated when the size is known. */
async function readBody(body: AsyncIterable<Uint8Array>, size: number | undefined): Promise<Uint8Array> {
  if (size === undefined) {
    // Only a chunked answer has no length (S3 sends one): joined by Buffer, then copied out of
    // its pool into an array of its own.
    const chunks: Uint8Array[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return new Uint8Array(Buffer.concat(chunks));
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for await (const chunk of body) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return offset === size ? bytes : bytes.subarray(0, offset);
}

/**
 * A range whose body has the wrong length was cut off or garbled on the way: it is reported
 * (and retried) as a broken connection, never as an unreachable endpoint.
 */
function brokenRange(what: string): Error {
  return Object.assign(new Error(`GetObject answered ${what}`), { code: "ERR_STREAM_PREMATURE_CLOSE" });
}

/** The code of an `AwsError` for a range GET answered with the whole object. */
export const RANGE_NOT_HONOURED = "RangeNotHonoured";

/**
 * The whole object came back (200) for a range: something on the way (a proxy, an endpoint that
 * is not S3) drops the `Range` header. Reading again would get the same answer.
 */
function rangeIgnored(start: number, end: number): Error {
  return Object.assign(
    new Error(`the whole object came back where bytes ${start}-${end} were asked for`),
    { name: RANGE_NOT_HONOURED, $metadata: { httpStatusCode: 200 } },
  );
}

function chunks<A>(items: readonly A[], size: number): A[][] {
  const out: A[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
