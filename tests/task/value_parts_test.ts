import { deepStrictEqual as deepEqual, ok, strictEqual as equal, throws } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { describe, test } from "node:test";
import { MalformedEncoding, UnencodableValue } from "../../src/task/value_codec.ts";
import { decodeValueParts, type EncodedParts, encodeValueParts } from "../../src/task/value_parts.ts";

/** What S3 hands back: the pieces written one after another into one array. */
function receive(parts: EncodedParts, offset = 0): Uint8Array {
  const bytes = new Uint8Array(offset + parts.byteLength).subarray(offset);
  let at = 0;
  for (const piece of parts.pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  equal(at, parts.byteLength);
  return bytes;
}

function roundTrip<T>(value: T): T {
  return decodeValueParts(receive(encodeValueParts(value, "args"))) as T;
}

function headerOf(parts: EncodedParts): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(parts.pieces[1]));
}

/** Parts whose header is `document`, followed by `blobs` (each padded to 8 bytes). */
function container(document: unknown, blobs: Uint8Array[] = []): Uint8Array {
  let text = JSON.stringify(document);
  while ((8 + text.length) % 8 !== 0) text += " ";
  const padded = blobs.map((blob) => Math.ceil(blob.length / 8) * 8);
  const bytes = new Uint8Array(8 + text.length + padded.reduce((a, b) => a + b, 0));
  bytes.set([0x43, 0x56, 0x42, 0x31]);
  new DataView(bytes.buffer).setUint32(4, text.length, true);
  bytes.set(new TextEncoder().encode(text), 8);
  let at = 8 + text.length;
  blobs.forEach((blob, i) => (bytes.set(blob, at), at += padded[i]));
  return bytes;
}

function malformed(problem: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof MalformedEncoding && problem.test(error.problem);
}

const filled = (length: number) => new Uint8Array(length).map((_, i) => i * 7);

describe("encodeValueParts() and decodeValueParts()", () => {
  test("decodeValueParts() rebuilds every kind when given it through the parts", () => {
    const shared = filled(4096).buffer;
    // deno-lint-ignore no-sparse-arrays
    const holey = [1, , 3];
    const named = Object.assign([1, "two"], { tag: "x" });
    const cause = new RangeError("inner");
    const value = {
      numbers: [1, -0, NaN, Infinity, 2n ** 70n, -5n],
      holey,
      named,
      text: "héllo \u{1F600}",
      map: new Map<unknown, unknown>([[{ k: 1 }, new Set([1, "a"])], [2n, null]]),
      date: new Date(0),
      regexp: /a+/gi,
      error: new TypeError("outer", { cause }),
      nested: { bytes: [filled(2000), new Float64Array([1.5, -0, NaN]), new Int16Array(700).fill(-3)] },
      small: new Uint16Array([1, 2, 3]),
      views: [new Uint8Array(shared, 8, 100), new Float32Array(shared, 16, 20), new DataView(shared, 4, 64)],
      resizable: new ArrayBuffer(2048, { maxByteLength: 8192 }),
      bigints: new BigInt64Array([1n, -2n]),
    };
    const back = roundTrip(value);
    deepEqual(back, value);
    equal(Object.getPrototypeOf(back.error), TypeError.prototype);
    equal((back.error.cause as Error).message, "inner");
    equal(back.named.tag, "x");
    ok(!(1 in back.holey), "the hole stays a hole");
    equal(back.views[0].buffer, back.views[1].buffer, "views of one buffer still share it");
    equal(back.views[1].buffer, back.views[2].buffer);
    (back.views[0] as Uint8Array)[8] = 99; // byte 16 of the buffer, the first byte of the Float32Array
    equal(new Uint8Array(back.views[1].buffer, back.views[1].byteOffset, 1)[0], 99);
    ok(back.resizable.resizable, "a resizable buffer stays resizable");
    equal(back.resizable.maxByteLength, 8192);
  });

  test("decodeValueParts() restores cycles and identity when objects are reached several ways", () => {
    const node: Record<string, unknown> = { name: "root" };
    const bytes = filled(3000);
    const list = Object.assign([node, bytes, bytes], { self: undefined as unknown });
    list.self = list;
    node.list = list;
    const error = new Error("loop");
    (error as { cause?: unknown }).cause = error;
    const back = roundTrip({ node, list, error });
    equal(back.node.list, back.list);
    equal(back.list.self, back.list);
    equal(back.list[0], back.node);
    equal(back.list[1], back.list[2]);
    equal((back.error as { cause?: unknown }).cause, back.error);
  });

  test("encodeValueParts() writes a buffer as a raw blob, a view of the value's own memory, when it is 1 KiB or more", () => {
    const large = filled(5000);
    const parts = encodeValueParts({ large, small: new Uint8Array(10) }, "args");
    ok(parts.pieces.some((piece) => piece.buffer === large.buffer), "the blob is the value's own buffer");
    const header = headerOf(parts);
    deepEqual(header.blobs, [5000]);
    deepEqual((header.value as Record<string, Record<string, unknown>>).small.buffer, {
      $: "ArrayBuffer",
      base64: "AAAAAAAAAAAAAA==",
    });
    equal(new TextDecoder().decode(parts.pieces[0].subarray(0, 4)), "CVB1");
  });

  test("decodeValueParts() lays views over the received bytes when their buffer is reached only through them", () => {
    const buffer = filled(4096).buffer;
    const received = receive(
      encodeValueParts([new Uint8Array(buffer, 1, 10), new Float64Array(buffer)], "r"),
    );
    const [bytes, doubles] = decodeValueParts(received) as [Uint8Array, Float64Array];
    equal(bytes.buffer, received.buffer);
    equal(doubles.buffer, received.buffer);
    deepEqual([...bytes], [...new Uint8Array(buffer, 1, 10)]);
    deepEqual(doubles, new Float64Array(buffer));
  });

  test("decodeValueParts() copies a buffer out once when it is also reached as a value", () => {
    const buffer = filled(2048).buffer;
    for (const value of [[buffer, new Uint8Array(buffer)], [new Uint8Array(buffer), buffer]]) {
      const received = receive(encodeValueParts(value, "args"));
      const back = decodeValueParts(received) as unknown[];
      const [copy, view] = back[0] instanceof ArrayBuffer ? back : [back[1], back[0]];
      ok(copy instanceof ArrayBuffer && view instanceof Uint8Array);
      equal(view.buffer, copy, "the view shares the buffer that was sent with it");
      ok(copy !== received.buffer);
      deepEqual(new Uint8Array(copy), new Uint8Array(buffer));
    }
  });

  test("decodeValueParts() copies blobs out when the received bytes are not 8-byte aligned", () => {
    const value = {
      doubles: new Float64Array(300).map((_, i) => i / 3),
      big: new BigUint64Array(200).fill(7n),
    };
    const received = receive(encodeValueParts(value, "args"), 3);
    const back = decodeValueParts(received) as typeof value;
    deepEqual(back, value);
    ok(back.doubles.buffer !== received.buffer);
  });

  test("decodeValueParts() gives a Node Buffer back as a Uint8Array of only its own bytes", () => {
    const pooled = Buffer.from(filled(3000));
    const back = roundTrip(pooled);
    equal(Object.getPrototypeOf(back), Uint8Array.prototype);
    deepEqual([...back], [...pooled]);
  });

  test("encodeValueParts() sends a 250 MB Uint8Array without copying it, and decodeValueParts() reads it in place", () => {
    const large = new Uint8Array(250_000_000);
    large[0] = 1;
    large[124_999_999] = 2;
    large[249_999_999] = 3;
    const parts = encodeValueParts(large, "args");
    ok(parts.pieces.some((piece) => piece.buffer === large.buffer && piece.length === large.length));
    ok(parts.byteLength < large.length + 1024);
    const received = receive(parts);
    const back = decodeValueParts(received) as Uint8Array;
    equal(back.buffer, received.buffer, "the decoded array is a view into the received bytes");
    equal(back.length, 250_000_000);
    deepEqual([back[0], back[124_999_999], back[249_999_999]], [1, 2, 3]);
  });
});

describe("encodeValueParts() and decodeValueParts() limits", () => {
  test("encodeValueParts() refuses a value with its limit when the parts would exceed maxBytes", () => {
    throws(
      () => encodeValueParts({ data: new Uint8Array(1_000_000) }, "args", { maxBytes: 500_000 }),
      (error) =>
        error instanceof UnencodableValue && error.limit === 500_000 && error.path === "args.data.buffer" &&
        /exceed the limit of 488.3 KiB/.test(error.message),
    );
    throws(
      () => encodeValueParts("x".repeat(2000), "result", { maxBytes: 1000 }),
      (error) => error instanceof UnencodableValue && error.limit === 1000 && /1000 bytes/.test(error.reason),
    );
  });

  test("decodeValueParts() refuses bytes when they exceed maxBytes", () => {
    const received = receive(encodeValueParts(filled(4000), "args"));
    throws(() => decodeValueParts(received, { maxBytes: 1024 }), malformed(/more than the limit of 1 KiB/));
  });
});

describe("decodeValueParts() refusals", () => {
  const document = (value: unknown, blobs: number[] = []) => ({
    format: "covalent.value",
    version: 1,
    blobs,
    value,
  });

  test("decodeValueParts() refuses bytes when the magic is wrong", () => {
    throws(
      () => decodeValueParts(new TextEncoder().encode('{"format":"covalent.value"}')),
      malformed(/decodeValue/),
    );
    throws(() => decodeValueParts(new Uint8Array(3)), malformed(/must start with "CVB1"/));
  });

  test("decodeValueParts() refuses bytes when the header or a blob is truncated", () => {
    const received = receive(encodeValueParts([filled(2000)], "args"));
    throws(() => decodeValueParts(received.subarray(0, 40)), malformed(/^truncated: the header is/));
    throws(
      () => decodeValueParts(received.subarray(0, received.length - 8)),
      malformed(/^truncated: the header and blobs/),
    );
    const longer = new Uint8Array(received.length + 8);
    longer.set(received);
    throws(() => decodeValueParts(longer), malformed(/^trailing bytes/));
  });

  test("decodeValueParts() refuses a header when it is not JSON or has no blob table", () => {
    const bytes = container(document(1));
    bytes[8] = 0xff;
    throws(() => decodeValueParts(bytes), malformed(/not UTF-8 JSON/));
    throws(
      () => decodeValueParts(container({ format: "covalent.value", version: 1, value: 1 })),
      (error) => error instanceof MalformedEncoding && error.pointer === "/blobs",
    );
  });

  test("decodeValueParts() refuses a blob reference when its index is out of range or used twice", () => {
    const buffer = (blob: number) => ({ $: "ArrayBuffer", blob });
    throws(
      () => decodeValueParts(container(document(buffer(1), [8]), [new Uint8Array(8)])),
      (error) =>
        error instanceof MalformedEncoding && error.pointer === "/value" &&
        error.problem === "blob 1 is out of range: the container holds 1 blobs",
    );
    throws(
      () => decodeValueParts(container(document([buffer(0), buffer(0)], [8]), [new Uint8Array(8)])),
      malformed(/blob 0 is used by two ArrayBuffer nodes/),
    );
  });

  test("decodeValueParts() refuses a resizable ArrayBuffer when its maxByteLength is below its contents", () => {
    const resizable = { $: "ArrayBuffer", blob: 0, maxByteLength: 8 };
    throws(
      () => decodeValueParts(container(document(resizable, [16]), [new Uint8Array(16)])),
      malformed(/^maxByteLength is smaller than the contents$/),
    );
    const inline = { $: "ArrayBuffer", base64: "AAAA", maxByteLength: 2 };
    throws(() => decodeValueParts(container(document(inline))), malformed(/^maxByteLength is smaller/));
  });

  test("decodeValueParts() refuses a view when it overruns its blob or its viewsOnly buffer is used as a value", () => {
    const inPlace = { $: "ArrayBuffer", blob: 0, viewsOnly: true, id: 0 };
    const overrun = { $: "Float64Array", buffer: inPlace, byteOffset: 8, length: 2 };
    throws(
      () => decodeValueParts(container(document(overrun, [16]), [new Uint8Array(16)])),
      malformed(/past the 16 bytes/),
    );
    const leaked = [{ $: "Uint8Array", buffer: inPlace, byteOffset: 0, length: 1 }, { $: "ref", id: 0 }];
    throws(
      () => decodeValueParts(container(document(leaked, [16]), [new Uint8Array(16)])),
      malformed(/viewsOnly/),
    );
  });
});
