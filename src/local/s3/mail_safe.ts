/**
 * RFC 2047 encoding of non-ASCII user metadata on the way out.
 *
 * @module
 */
import { Buffer } from "node:buffer";

/**
 * A metadata value as S3 returns it: ASCII as is, anything else as an RFC 2047 encoded word
 * `=?UTF-8?B?<base64>?=` (S: DOC AmazonS3/latest/userguide/UsingMetadata.html "values … are
 * character decoded as per RFC 2047 before storing and encoded as per RFC 2047 to make them
 * mail-safe before returning"). Header values arrive as Latin-1 characters of the wire bytes;
 * those bytes are taken as UTF-8 when they are valid UTF-8 (boto3, Deno), as Latin-1 otherwise
 * (Node's client sends `é` as one byte).
 *
 * @param value The stored value (Latin-1 characters of the bytes received).
 * @returns The value to send.
 */
export function mailSafe(value: string): string {
  // deno-lint-ignore no-control-regex
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, "latin1");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = value;
  }
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}
