/**
 * The runtime's S3 transfers through presigned URLs: the code and arguments GETs and the outcome
 * PUT. Each retries what S3 or the network says may succeed on another try (5xx including
 * `503 SlowDown`, `429`, connection errors) on `TRANSFER_RETRY`, and nothing else: a `403` means
 * the URL expired or was never valid, and no retry changes that. Only captured globals are used,
 * over `node:http` (`http_exchange.ts`).
 *
 * @module
 */
import {
  abortController,
  AbortControllerConstructor,
  controllerSignal,
  copyBytes,
  decodeUtf8,
  now,
  promiseAll,
  PromiseConstructor,
  random,
  setTimer,
  Uint8ArrayConstructor,
} from "./captured_globals.ts";
import { type Answer, dropBody, exchange, readBody, readWhole } from "./http_exchange.ts";
import { type ByteRange, byteRanges } from "./byte_ranges.ts";
import { retryDelayMs, TRANSFER_RETRY } from "./retry_schedule.ts";
import { s3ErrorCode, TransferFailed, type TransferFailure, type TransferName } from "./transfer_failed.ts";

type Attempt<T> =
  | { readonly done: T }
  | { readonly failure: TransferFailure; readonly retryable: boolean };

/**
 * Runs `attempt` until it is done or its failure is final. With `abandoned`, no further attempt
 * starts once it says so (a sibling range failed for good: this one's bytes are not wanted).
 */
async function withRetries<T>(
  transfer: TransferName,
  attempt: () => Promise<Attempt<T>>,
  abandoned?: () => boolean,
): Promise<T> {
  const started = now();
  for (let attempts = 1;; attempts++) {
    const result = await attempt();
    if ("done" in result) return result.done;
    const delay = result.retryable && !abandoned?.()
      ? retryDelayMs(TRANSFER_RETRY, attempts, now() - started, random())
      : undefined;
    if (delay === undefined) throw new TransferFailed(transfer, attempts, result.failure);
    await new PromiseConstructor((resolve) => setTimer(resolve, delay));
    if (abandoned?.()) throw new TransferFailed(transfer, attempts, result.failure);
  }
}

/** A network error's code (`ECONNRESET`), else its message with any URL cut out. */
function networkFailure(error: unknown): Attempt<never> {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) {
    return { failure: { code }, retryable: true };
  }
  const message = String((error as Error | undefined)?.message ?? error).replace(
    /[a-z][a-z0-9+.-]*:\/\/\S*/gi,
    "<url>",
  );
  return { failure: { detail: message.slice(0, 200) }, retryable: true };
}

/** Most bytes of an S3 error document read for its code. */
const ERROR_DOCUMENT_LIMIT = 64 * 1024;

async function refusal(answer: Answer): Promise<Attempt<never>> {
  const { status } = answer;
  let code: string | undefined;
  try {
    code = s3ErrorCode(decodeUtf8(await readWhole(answer, ERROR_DOCUMENT_LIMIT)));
  } catch {
    // The status alone still says what happened.
  }
  return { failure: { status, code }, retryable: status >= 500 || status === 429 };
}

/**
 * GETs a presigned URL and returns the body. A large body of known size is fetched as
 * a few byte ranges at once (`byte_ranges.ts`), each retried on its own, into one buffer.
 *
 * @param transfer Which transfer this is, for the error.
 * @param url The presigned GET.
 * @param expectedBytes The size the executor stored, when it said: a shorter body is retried.
 * @returns The body's bytes.
 * @throws {TransferFailed} When S3 refuses for good, or the retries are spent.
 */
export function download(transfer: TransferName, url: string, expectedBytes?: number): Promise<Uint8Array> {
  const ranges = byteRanges(expectedBytes);
  return ranges === undefined
    ? withRetries(transfer, () => getOnce(url, expectedBytes))
    : downloadRanges(transfer, url, expectedBytes!, ranges);
}

async function downloadRanges(
  transfer: TransferName,
  url: string,
  size: number,
  ranges: readonly ByteRange[],
): Promise<Uint8Array> {
  const bytes = new Uint8ArrayConstructor(size);
  // The first range that fails for good fails the download: the others stop at once rather
  // than read (or retry, with this invocation's URL) into the next invocation.
  const stop = new AbortControllerConstructor();
  const signal = controllerSignal(stop);
  let failed = false;
  const read = async ({ start, end }: ByteRange) => {
    try {
      await withRetries(transfer, () => getRangeInto(url, bytes, start, end, signal), () => failed);
    } catch (error) {
      failed = true;
      abortController(stop);
      throw error;
    }
  };
  const reads: Promise<void>[] = [];
  for (const range of ranges) reads.push(read(range));
  await promiseAll(reads);
  return bytes;
}

/**
 * One GET of bytes `start`–`end`, streamed straight into `into` at `start` (no second copy of
 * the range); it must come back as 206 with exactly those bytes.
 */
async function getRangeInto(
  url: string,
  into: Uint8Array,
  start: number,
  end: number,
  signal: AbortSignal,
): Promise<Attempt<void>> {
  const length = end - start + 1;
  let offset = start;
  try {
    const answer = await exchange(url, {
      method: "GET",
      headers: { range: `bytes=${start}-${end}` },
      signal,
    });
    if (answer.status < 200 || answer.status > 299) return await refusal(answer);
    if (answer.status !== 206) {
      dropBody(answer);
      return {
        failure: { status: answer.status, detail: "the range request was not answered with the range" },
        retryable: false,
      };
    }
    const whole = await readBody(answer, (bytes) => {
      if (offset + bytes.byteLength > end + 1) return false;
      copyBytes(into, bytes, offset);
      offset += bytes.byteLength;
      return true;
    });
    if (!whole) {
      return { failure: { status: 206, detail: `more than the ${length} bytes asked for` }, retryable: true };
    }
  } catch (error) {
    return networkFailure(error);
  }
  if (offset !== end + 1) {
    return {
      failure: { status: 206, detail: `got ${offset - start} of the ${length} bytes asked for` },
      retryable: true,
    };
  }
  return { done: undefined };
}

/** One GET of the whole body. */
async function getOnce(url: string, expectedBytes: number | undefined): Promise<Attempt<Uint8Array>> {
  let bytes: Uint8Array;
  let status: number;
  try {
    const answer = await exchange(url, { method: "GET", headers: {} });
    status = answer.status;
    if (status < 200 || status > 299) return await refusal(answer);
    bytes = await readWhole(answer);
  } catch (error) {
    return networkFailure(error);
  }
  if (expectedBytes !== undefined && bytes.byteLength !== expectedBytes) {
    const detail = `got ${bytes.byteLength} bytes where the executor stored ${expectedBytes}`;
    return { failure: { status, detail }, retryable: true };
  }
  return { done: bytes };
}

/**
 * PUTs pieces to a presigned URL as one body of `byteLength` bytes, streamed from the pieces
 * (never joined into a second copy) with its `Content-Length` set, as S3 requires.
 *
 * @param transfer Which transfer this is, for the error.
 * @param url The presigned PUT.
 * @param pieces The body, in order.
 * @param byteLength Their total size.
 * @throws {TransferFailed} When S3 refuses for good, or the retries are spent.
 */
export function upload(
  transfer: TransferName,
  url: string,
  pieces: readonly Uint8Array[],
  byteLength: number,
): Promise<void> {
  return withRetries(transfer, async (): Promise<Attempt<void>> => {
    try {
      const answer = await exchange(url, {
        method: "PUT",
        headers: { "content-length": String(byteLength) },
        body: pieces,
      });
      if (answer.status < 200 || answer.status > 299) return await refusal(answer);
      // S3's answer to a PUT has no body worth keeping: read to its end, so the connection is reused.
      await readBody(answer, () => true);
    } catch (error) {
      return networkFailure(error);
    }
    return { done: undefined };
  });
}
