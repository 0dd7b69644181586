import { deepStrictEqual as deepEqual, strictEqual as equal } from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createZip } from "../../src/archive/zip_writer.ts";

test("createZip() gives the same bytes when given the same files in another order", () => {
  const a = createZip([{ path: "b.txt", data: "bee" }, { path: "a.txt", data: "ay" }]);
  const b = createZip([{ path: "a.txt", data: "ay" }, { path: "b.txt", data: "bee" }]);
  deepEqual(a, b);
});

test("createZip() writes an archive that python's zipfile reads back when files are compressible", () => {
  const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
  try {
    const big = "x".repeat(10_000);
    const zipPath = join(dir, "t.zip");
    writeFileSync(zipPath, createZip([{ path: "dir/big.txt", data: big }, { path: "small", data: "é" }]));
    const script = "import zipfile,sys,json;z=zipfile.ZipFile(sys.argv[1]);" +
      "print(json.dumps({n.filename:z.read(n).decode() for n in z.infolist()}))";
    const listed = JSON.parse(execFileSync("python3", ["-c", script, zipPath], { encoding: "utf8" }));
    deepEqual(listed, { "dir/big.txt": big, "small": "é" });
    equal(readFileSync(zipPath).length < 1000, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
