/**
 * Decoding `Content-Encoding: aws-chunked` bodies as they stream in.
 *
 * The AWS SDK sends a streamed PutObject/UploadPart as
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailer>:<value>\r\n\r\n`
 * inside the ordinary HTTP framing. The decoder yields the payload bytes without holding more
 * than the current network piece, and collects the trailer lines (where the checksum travels).
 *
 * @module
 */
import { S3Fault } from "./s3_fault.ts";

/** A decoded aws-chunked body: the payload pieces, then the trailers once they are read. */
export interface AwsChunkedBody {
  /** The payload bytes, in order. Iterate it once. */
  readonly payload: AsyncIterable<Uint8Array>;
  /** Trailer values by lower-case name; complete once `payload` is exhausted. */
  readonly trailers: ReadonlyMap<string, string>;
}

/** Size lines and trailer lines are short; a longer line means the body is not aws-chunked. */
const MAX_LINE = 8192;
const EMPTY = new Uint8Array(0);
const LF = 0x0a;

type State = "size" | "data" | "data-end" | "trailer" | "done";

function malformed(detail: string): S3Fault {
  return new S3Fault(400, "InvalidRequest", `The aws-chunked request body is malformed: ${detail}.`);
}

function joined(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/**
 * Wraps an aws-chunked body so it reads as the plain payload.
 *
 * @param source The body after HTTP de-chunking.
 * @returns The payload stream and the trailers it will fill in.
 * @throws {S3Fault} While iterating, when the framing is broken or the body ends early.
 *
 * @example
 * ```ts
 * const body = decodeAwsChunked(request.body);
 * for await (const bytes of body.payload) write(bytes);
 * body.trailers.get("x-amz-checksum-crc32");
 * ```
 */
export function decodeAwsChunked(source: AsyncIterable<Uint8Array>): AwsChunkedBody {
  const trailers = new Map<string, string>();
  return { payload: decode(source, trailers), trailers };
}

async function* decode(
  source: AsyncIterable<Uint8Array>,
  trailers: Map<string, string>,
): AsyncGenerator<Uint8Array> {
  const text = new TextDecoder();
  let state: State = "size";
  let remaining = 0;
  let carry: Uint8Array = EMPTY;
  for await (const piece of source) {
    const buffer = joined(carry, piece);
    carry = EMPTY;
    let at = 0;
    while (at < buffer.length) {
      if (state === "data") {
        const take = Math.min(remaining, buffer.length - at);
        yield buffer.subarray(at, at + take);
        at += take;
        remaining -= take;
        if (remaining === 0) state = "data-end";
        continue;
      }
      if (state === "done") {
        if (buffer.subarray(at).some((byte) => byte !== 0x0d && byte !== LF)) {
          throw malformed("data after the final chunk");
        }
        break;
      }
      const lineEnd = buffer.indexOf(LF, at);
      if (lineEnd < 0) {
        if (buffer.length - at > MAX_LINE) throw malformed("a chunk header line is too long");
        carry = buffer.slice(at);
        break;
      }
      const line = text.decode(buffer.subarray(at, lineEnd)).replace(/\r$/, "");
      at = lineEnd + 1;
      if (state === "data-end") {
        if (line !== "") throw malformed("a chunk is longer than its declared size");
        state = "size";
      } else if (state === "size") {
        const sizeText = line.split(";")[0].trim();
        if (!/^[0-9a-fA-F]{1,15}$/.test(sizeText)) throw malformed(`bad chunk size line "${line}"`);
        remaining = parseInt(sizeText, 16);
        state = remaining === 0 ? "trailer" : "data";
      } else if (line === "") {
        state = "done";
      } else {
        const colon = line.indexOf(":");
        if (colon <= 0) throw malformed(`bad trailer line "${line}"`);
        trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    }
  }
  // Some encoders stop right after the trailers without the closing empty line.
  if (state === "trailer") {
    const last = text.decode(carry).trim();
    const colon = last.indexOf(":");
    if (last !== "" && colon <= 0) throw malformed(`bad trailer line "${last}"`);
    if (last !== "") trailers.set(last.slice(0, colon).trim().toLowerCase(), last.slice(colon + 1).trim());
    return;
  }
  if (state !== "done") {
    throw new S3Fault(400, "IncompleteBody", "The request body terminated unexpectedly");
  }
}
