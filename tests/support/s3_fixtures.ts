/**
 * Small helpers for the S3 tests: unique bucket names, hashing streamed bodies and files of
 * random bytes.
 *
 * @module
 */
import { GetObjectCommand, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import { ok } from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { rejection } from "./aws_clients.ts";
import { createWriteStream } from "node:fs";
import { once } from "node:events";

let counter = 0;

/** A bucket name no other test in this process uses. */
export function uniqueBucket(label: string): string {
  counter += 1;
  return `${label}-${counter}-${randomBytes(4).toString("hex")}`;
}

/** Hex SHA-256 of a streamed SDK body (or any async iterable of bytes), read piece by piece. */
export async function sha256OfStream(body: unknown): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of body as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest("hex");
}

/** Hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes `size` random bytes to `path` in 1 MiB pieces; resolves to their hex SHA-256. */
export async function writeRandomFile(path: string, size: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  for (let written = 0; written < size;) {
    const piece = randomBytes(Math.min(1024 * 1024, size - written));
    hash.update(piece);
    written += piece.length;
    if (!out.write(piece)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return hash.digest("hex");
}

/**
 * What a refused or cut-off upload must not leave: a temporary file in the store, or an object.
 *
 * @param aws The running local AWS (its `dataDir`), read when used (it may be set in `before`).
 * @param s3 A client of it, likewise.
 * @param bucket The bucket the uploads went to.
 */
export function uploadLeftovers(aws: () => { readonly dataDir: string }, s3: () => S3Client, bucket: string) {
  return {
    /** The store's temporary files. */
    tempFiles: () => readdir(join(aws().dataDir, "s3", "tmp")),
    /** Asserts that GetObject of `key` answers NoSuchKey. */
    assertMissing: async (key: string) =>
      ok(
        (await rejection(s3().send(new GetObjectCommand({ Bucket: bucket, Key: key })))) instanceof NoSuchKey,
      ),
  };
}
