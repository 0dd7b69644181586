/**
 * The 15-minute clock-skew rule of header-signed requests, and the time window of presigned
 * URLs, in each service's words.
 *
 * @module
 */
import { parseAmzDate } from "./verify_signature.ts";

/** How far a header-signed request's date may be from the server's clock (S3: `MaxAllowedSkewMilliseconds`). */
export const MAX_SKEW_MS = 900_000;

/** Why a request's date was refused, with what each service puts in its answer. */
export interface DateRefusal {
  readonly failure: "skewed" | "notYetValid";
  /** Lambda/IAM/STS's message, or undefined to keep S3's table message. */
  readonly message?: string;
  /** S3's extra XML elements. */
  readonly extra: Readonly<Record<string, string>>;
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}/, "");
}

/**
 * Checks the date of a header-signed request against the server's clock.
 *
 * S3 answers 403 RequestTimeTooSkewed with `RequestTime` (as sent), `ServerTime` and
 * `MaxAllowedSkewMilliseconds` (S: aws/aws-sdk-php#612, versity/versitygw#1514, real S3 bodies).
 * The JSON and query services say "Signature expired: <date> is now earlier than <now - 15 min>
 * (<now> - 15 min.)", or "Signature not yet current: <date> is still later than <now + 15 min>
 * (<now> + 15 min.)" for a date ahead of the clock (U: the "expired" wording is as widely quoted from
 * real Lambda/IAM/STS answers; the "not yet current" one is from memory and unverified).
 *
 * @param date The request's `X-Amz-Date` (or its `Date` header in that form).
 * @param now The server's clock, epoch milliseconds.
 * @returns The refusal, or undefined when the date is within the window.
 */
export function headerDateRefusal(date: string, now: number): DateRefusal | undefined {
  const signedAt = parseAmzDate(date);
  if (Math.abs(now - signedAt) <= MAX_SKEW_MS) return undefined;
  const extra = {
    RequestTime: date,
    ServerTime: isoSeconds(now),
    MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
  };
  const message = signedAt < now
    ? `Signature expired: ${date} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${
      amzDate(now)
    } - 15 min.)`
    : `Signature not yet current: ${date} is still later than ${amzDate(now + MAX_SKEW_MS)} (${
      amzDate(now)
    } + 15 min.)`;
  return { failure: "skewed", message, extra };
}

/**
 * Checks a presigned URL's window: not before its date (beyond the allowed skew), not after
 * date + expiry. S3 answers 403 AccessDenied "Request is not yet valid" with `X-Amz-Date` (epoch
 * milliseconds), `Expires` and `ServerTime` (S: minio/minio#2638 and dmjio/s3-signer#16, both
 * quoting real S3), and "Request has expired" with `X-Amz-Expires`, `Expires`, `ServerTime`.
 *
 * @param date The URL's date, epoch milliseconds (NaN when malformed).
 * @param expiresMs Its lifetime in milliseconds.
 * @param now The server's clock, epoch milliseconds.
 * @returns "expired", "notYetValid" with S3's elements, or undefined when valid now.
 */
export function presignedWindowRefusal(
  date: number,
  expiresMs: number,
  now: number,
): { failure: "expired" | "notYetValid"; extra: Record<string, string> } | undefined {
  const expires = isoSeconds(Number.isFinite(date) ? date + expiresMs : now);
  if (!(date + expiresMs >= now)) {
    return {
      failure: "expired",
      extra: { "X-Amz-Expires": String(expiresMs / 1000), Expires: expires, ServerTime: isoSeconds(now) },
    };
  }
  if (date - now > MAX_SKEW_MS) {
    return {
      failure: "notYetValid",
      extra: { "X-Amz-Date": String(date), Expires: expires, ServerTime: isoSeconds(now) },
    };
  }
  return undefined;
}
