import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { byteRanges, RANGE_STREAMS, RANGED_READ_MIN_BYTES } from "../../src/runtime/byte_ranges.ts";

describe("byteRanges()", () => {
  test("byteRanges() reads small or unsized objects whole", () => {
    equal(byteRanges(undefined), undefined);
    equal(byteRanges(0), undefined);
    equal(byteRanges(RANGED_READ_MIN_BYTES - 1), undefined);
  });

  test("byteRanges() covers a large object with contiguous ranges, every byte once", () => {
    for (const size of [RANGED_READ_MIN_BYTES, RANGED_READ_MIN_BYTES + 3, 100 * 1024 * 1024 + 1]) {
      const ranges = byteRanges(size)!;
      equal(ranges.length, RANGE_STREAMS, String(size));
      equal(ranges[0].start, 0);
      equal(ranges[ranges.length - 1].end, size - 1);
      for (let i = 1; i < ranges.length; i++) equal(ranges[i].start, ranges[i - 1].end + 1);
      equal(ranges.reduce((sum, r) => sum + r.end - r.start + 1, 0), size);
    }
    deepEqual(byteRanges(RANGED_READ_MIN_BYTES)![1], {
      start: RANGED_READ_MIN_BYTES / 4,
      end: RANGED_READ_MIN_BYTES / 2 - 1,
    });
  });
});
