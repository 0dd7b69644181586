/**
 * Version 2 invocation events for calling the runtime's handler in-process, with presigned URLs
 * against a local AWS.
 *
 * @module
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createHash, randomUUID } from "node:crypto";
import { EVENT_FORMAT, type InvocationEvent, type OutcomeRoute } from "../../src/runtime/protocol.ts";
import { encodeValue } from "../../src/task/value_codec.ts";
import { encodeValueParts } from "../../src/task/value_parts.ts";

/** Presigns and stores objects of one bucket for runtime events. */
export interface RuntimeObjects {
  /** A presigned GET of `key`. */
  getUrl(key: string, options?: { expiredAlready?: boolean }): Promise<string>;
  /** A fresh outcome route: a presigned PUT of a new key (returned too). */
  outcome(options?: Partial<Omit<OutcomeRoute, "url">>): Promise<{ route: OutcomeRoute; key: string }>;
  /** Stores bytes or text under `key`. */
  put(key: string, body: Uint8Array | string): Promise<void>;
  /** The bytes stored under `key`. */
  read(key: string): Promise<Uint8Array>;
}

/** Makes `RuntimeObjects` for a bucket. */
export function runtimeObjects(s3: S3Client, bucket: string): RuntimeObjects {
  return {
    getUrl: (key, options = {}) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn: options.expiredAlready ? 1 : 300,
        ...(options.expiredAlready ? { signingDate: new Date(Date.now() - 60_000) } : {}),
      }),
    async outcome(options = {}) {
      const key = `outcome/${randomUUID()}`;
      const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn: 300,
      });
      return { key, route: { inlineLimit: 1_000_000, durableAfterMs: 600_000, ...options, url } };
    },
    async put(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async read(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await object.Body!.transformToByteArray();
    },
  };
}

/** Hex SHA-256 of code, as the executor names it. */
export function codeHash(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** One buffer of the parts container's pieces (the test side may copy). */
export function partsBytes(value: unknown, root: string): Uint8Array {
  const { pieces, byteLength } = encodeValueParts(value, root);
  const bytes = new Uint8Array(byteLength);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return bytes;
}

/** An event for a function task with inline code and arguments. */
export function functionEvent(source: string, args: unknown[], outcome: OutcomeRoute): InvocationEvent {
  return {
    format: EVENT_FORMAT,
    runId: "run-test",
    code: { kind: "function", hash: codeHash(source), source },
    args: { inline: encodeValue(args, "args") },
    outcome,
  };
}
