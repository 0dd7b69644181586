/**
 * Small helpers for the S3 tests: unique bucket names, hashing streamed bodies and files of
 * random bytes.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
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
