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
