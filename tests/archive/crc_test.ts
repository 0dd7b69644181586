import { strictEqual as equal } from "node:assert/strict";
import { test } from "node:test";
import { crc32, crc32c } from "../../src/archive/crc32.ts";
import { Crc64Nvme } from "../../src/archive/crc64nvme.ts";

const text = (s: string) => new TextEncoder().encode(s);

test("crc32() matches the check value and continues across pieces", () => {
  equal(crc32(text("123456789")), 0xcbf43926);
  equal(crc32(text("hello")), 0x3610a686);
  equal(crc32(new Uint8Array()), 0);
  equal(crc32(text("efgh"), crc32(text("abcd"))), crc32(text("abcdefgh")));
});

test("crc32c() matches the Castagnoli check value and continues across pieces", () => {
  equal(crc32c(text("123456789")), 0xe3069283);
  equal(crc32c(text("6789"), crc32c(text("12345"))), 0xe3069283);
});

test("Crc64Nvme matches the check value and S3's base64 form when fed in pieces", () => {
  const crc = new Crc64Nvme();
  crc.update(text("1234"));
  crc.update(text("56789"));
  equal([...crc.digest()].map((b) => b.toString(16).padStart(2, "0")).join(""), "ae8b14860a799888");
  const hello = new Crc64Nvme();
  hello.update(text("hello"));
  equal(btoa(String.fromCharCode(...hello.digest())), "M3eFcAZSQlc=");
});

/** CRC-64/NVME one bit at a time with BigInt: slow, but plainly the definition. */
function bitwiseCrc64Nvme(bytes: Uint8Array): bigint {
  const polynomial = 0x9a6c9329ac4bc9b5n;
  let crc = 0xffffffffffffffffn;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
  }
  return crc ^ 0xffffffffffffffffn;
}

test("Crc64Nvme agrees with the bit-by-bit definition on every length and split, 8 bytes at a time or not", () => {
  const bytes = new Uint8Array(300);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 197 + 13) & 0xff;
  const hex = (digest: Uint8Array) => [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
  for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 64, 299, 300]) {
    const expected = bitwiseCrc64Nvme(bytes.subarray(0, length)).toString(16).padStart(16, "0");
    for (const split of [0, 3, 8, Math.floor(length / 2)]) {
      const crc = new Crc64Nvme();
      crc.update(bytes.subarray(0, Math.min(split, length)));
      crc.update(bytes.subarray(Math.min(split, length), length));
      equal(hex(crc.digest()), expected, `length ${length}, split ${split}`);
    }
  }
});

test("crc32() and crc32c() agree with the bit-by-bit definition on every length and split", () => {
  const bitwise = (polynomial: number, bytes: Uint8Array) => {
    let crc = 0xffffffff;
    for (const byte of bytes) {
      crc ^= byte;
      for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ polynomial : crc >>> 1;
    }
    return (crc ^ 0xffffffff) >>> 0;
  };
  const bytes = new Uint8Array(300);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 197 + 13) & 0xff;
  for (const [crc, polynomial] of [[crc32, 0xedb88320], [crc32c, 0x82f63b78]] as const) {
    for (const length of [0, 1, 7, 8, 9, 17, 64, 299, 300]) {
      const expected = bitwise(polynomial, bytes.subarray(0, length));
      for (const split of [0, 3, Math.floor(length / 2)]) {
        const cut = Math.min(split, length);
        equal(crc(bytes.subarray(cut, length), crc(bytes.subarray(0, cut))), expected, `length ${length}`);
      }
    }
  }
});
