/**
 * The `Range` header of GetObject/HeadObject: one range in bytes, as S3 supports.
 *
 * @module
 */
import { faults, S3Fault } from "./s3_fault.ts";

/** An inclusive byte range inside an object. */
export interface ByteRange {
  /** First byte. */
  readonly start: number;
  /** Last byte (inclusive). */
  readonly end: number;
}

/**
 * Resolves a `Range` header against an object size. Forms: `bytes=a-b`, `bytes=a-`, `bytes=-n`.
 * A header S3 cannot use (another unit, several ranges, bad syntax) is ignored, which means
 * the whole object; a well-formed range that misses the object is refused.
 *
 * @param header The header value, if any.
 * @param size The object size.
 * @returns The range, or undefined for the whole object.
 * @throws {S3Fault} InvalidRange (416) when the range is unsatisfiable.
 *
 * @example
 * ```ts
 * resolveRange("bytes=-3", 5); // { start: 2, end: 4 }
 * ```
 */
export function resolveRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw faults.invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Number(match[2]);
  if (end < start) return undefined;
  if (start >= size) throw faults.invalidRange(header, size);
  return { start, end: Math.min(end, size - 1) };
}

/**
 * The bytes of one part (`?partNumber=N` on GetObject/HeadObject). An object that was not
 * uploaded in parts has exactly one part: all of it.
 *
 * @param partNumber The query value.
 * @param size The object size.
 * @param partSizes The part sizes of a multipart object.
 * @returns The part's range.
 * @throws {S3Fault} InvalidArgument for a malformed number, InvalidPartNumber (416) past the last part.
 */
export function resolvePart(partNumber: string, size: number, partSizes?: readonly number[]): ByteRange {
  const number = Number(partNumber);
  if (!/^\d+$/.test(partNumber) || number < 1 || number > 10000) {
    throw faults.invalidArgument(
      "Part number must be an integer between 1 and 10000, inclusive",
      "partNumber",
      partNumber,
    );
  }
  const sizes = partSizes ?? [size];
  if (number > sizes.length) {
    throw new S3Fault(416, "InvalidPartNumber", "The requested partnumber is not satisfiable", {
      PartNumberRequested: number,
      ActualPartCount: sizes.length,
    });
  }
  const start = sizes.slice(0, number - 1).reduce((sum, partSize) => sum + partSize, 0);
  return { start, end: start + sizes[number - 1] - 1 };
}
