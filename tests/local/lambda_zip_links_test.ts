import { mkdtemp, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { createZip } from "../../src/archive/zip_writer.ts";
import { extractZip } from "../../src/local/lambda/zip_extract.ts";
import { rejection } from "../support/aws_clients.ts";

// createZip ORs in the regular-file type 0o100000; adding 0o020000 makes an entry a link (0o120000).
const LINK = 0o020777;

async function extractInto(entries: Parameters<typeof createZip>[0]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "zip-links-"));
  try {
    await extractZip(createZip(entries), dir);
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

describe("deployment package links", () => {
  test("extractZip() refuses a package when a chain of links leaves the code directory", async () => {
    const error = await rejection(extractInto([
      { path: "index.mjs", data: "export {};" },
      { path: "d/up", data: "..", mode: LINK },
      { path: "d/up2", data: "up/..", mode: LINK },
    ]));
    equal(error.code, "InvalidParameterValueException");
    equal(error.message, "Could not unzip uploaded file. Please check your file, then try to upload again.");
  });

  test("extractZip() keeps links when every link stays inside the code directory", async () => {
    const dir = await extractInto([
      { path: "lib/real.mjs", data: "export {};" },
      { path: "d/up", data: "..", mode: LINK },
      { path: "d/lib", data: "up/lib", mode: LINK },
    ]);
    try {
      equal(await readlink(join(dir, "d", "lib")), "up/lib");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("extractZip() refuses a package when its links loop", async () => {
    const error = await rejection(extractInto([
      { path: "a", data: "b/x", mode: LINK },
      { path: "b", data: "a/x", mode: LINK },
    ]));
    ok(error.message.startsWith("Could not unzip"));
  });
});
