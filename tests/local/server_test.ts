import { ok, rejects, strictEqual as equal } from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { test } from "node:test";
import { startLocalAws } from "../../local.ts";

function temporaryDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith("covalent-local-aws-"));
}

test("startLocalAws() rejects and leaves no temporary directory when the port is in use", async () => {
  const first = await startLocalAws();
  try {
    const before = temporaryDirs();
    await rejects(startLocalAws({ port: Number(new URL(first.endpoint).port) }), /EADDRINUSE/);
    const leaked = temporaryDirs().filter((name) => !before.includes(name));
    equal(leaked.length, 0, `leaked ${leaked.join(", ")}`);
  } finally {
    await first.close();
  }
});

test("startLocalAws() close() removes its temporary data directory and refuses connections", async () => {
  const aws = await startLocalAws();
  ok(existsSync(aws.dataDir));
  await aws.close();
  equal(existsSync(aws.dataDir), false);
  equal(await fetch(aws.endpoint).then(() => "answered", () => "refused"), "refused");
});
