import type { S3Client } from "@aws-sdk/client-s3";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import type { LocalAwsServer } from "../../local.ts";
import { handler } from "../../src/runtime/handler.ts";
import { cachedHashes, MODULE_CACHE_LIMIT, moduleCacheDirectory } from "../../src/runtime/module_cache.ts";
import { EVENT_FORMAT, type InvocationEvent, type OutcomeRoute } from "../../src/runtime/protocol.ts";
import { decodeValue, encodeValue } from "../../src/task/value_codec.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { codeHash, functionEvent, type RuntimeObjects, runtimeObjects } from "../support/runtime_events.ts";
import { uniqueBucket } from "../support/s3_fixtures.ts";

describe("runtime module cache", () => {
  const bucket = uniqueBucket("module-cache");
  let aws: LocalAwsServer;
  let s3: S3Client;
  let objects: RuntimeObjects;
  let route: OutcomeRoute;
  before(async () => {
    ({ aws, s3 } = await startLocalAwsFixture({ buckets: [bucket] }));
    objects = runtimeObjects(s3, bucket);
    // Every answer here is small and quick: the outcome URL is never used.
    ({ route } = await objects.outcome());
  });
  after(async () => {
    await aws.close();
    const dir = moduleCacheDirectory();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const source = "export const answer = () => 'from module';\n";
  const hash = codeHash(source);
  let moduleEvent: InvocationEvent;
  let fresh = 0;
  /** Runs `count` function tasks never loaded before. */
  const loadOthers = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const n = fresh++;
      equal(decodeValue((await handler(functionEvent(`() => ${n}`, [], route))).value!), n);
    }
  };

  before(async () => {
    await objects.put(`code/${hash}.mjs`, source);
    moduleEvent = {
      format: EVENT_FORMAT,
      runId: "run-cache",
      code: { kind: "module", hash, exportName: "answer", url: await objects.getUrl(`code/${hash}.mjs`) },
      args: { inline: encodeValue([], "args") },
      outcome: route,
    };
  });

  test("handler() keeps a module cached when it was used again before the bound was reached", async () => {
    const downloads = aws.faults.add({ service: "s3", method: "GET", path: /\/code\//, delayMs: 0 });
    try {
      equal(decodeValue((await handler(moduleEvent)).value!), "from module");
      await loadOthers(MODULE_CACHE_LIMIT - 1);
      await handler(moduleEvent); // now the most recently used
      await loadOthers(1); // evicts the oldest function task, not the module
      equal(cachedHashes().length, MODULE_CACHE_LIMIT);
      ok(cachedHashes().includes(hash));
      await handler(moduleEvent);
      equal(downloads.hits, 1);
    } finally {
      downloads.remove();
    }
  });

  test("handler() downloads a module again when MODULE_CACHE_LIMIT other modules were loaded since its last use", async () => {
    const downloads = aws.faults.add({ service: "s3", method: "GET", path: /\/code\//, delayMs: 0 });
    try {
      await loadOthers(MODULE_CACHE_LIMIT);
      equal(cachedHashes().includes(hash), false);
      const files = readdirSync(moduleCacheDirectory()!).sort();
      deepEqual(files, cachedHashes().map((h) => `${h}.mjs`).sort(), "evicted modules' files are deleted");
      equal(decodeValue((await handler(moduleEvent)).value!), "from module");
      equal(downloads.hits, 1);
    } finally {
      downloads.remove();
    }
  });

  test("handler() evaluates a module again after its top level failed, instead of failing it for good", async () => {
    const flaky = "const loads = (globalThis.__flakyModuleLoads ?? 0) + 1;\n" +
      "globalThis.__flakyModuleLoads = loads;\n" +
      "if (loads === 1) throw new Error('first evaluation fails');\n" +
      "export const answer = () => `evaluated ${loads} times`;\n";
    const flakyHash = codeHash(flaky);
    await objects.put(`code/${flakyHash}.mjs`, flaky);
    const event: InvocationEvent = {
      ...moduleEvent,
      code: {
        kind: "module",
        hash: flakyHash,
        exportName: "answer",
        url: await objects.getUrl(`code/${flakyHash}.mjs`),
      },
    };
    const first = await handler(event);
    equal(first.ok, false);
    equal((decodeValue(first.value!) as Error).message, "first evaluation fails");
    const second = await handler(event);
    equal(second.ok, true, second.value);
    equal(decodeValue(second.value!), "evaluated 2 times");
    ok(cachedHashes().includes(flakyHash));
    equal(decodeValue((await handler(event)).value!), "evaluated 2 times", "then it stays cached");
  });
});
