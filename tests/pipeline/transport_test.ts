import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { moduleTask } from "../../mod.ts";
import type { readTitle } from "./fixtures/tasks.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

const s3Requests = (counts: Record<string, Record<string, number>>) =>
  Object.values(counts.s3 ?? {}).reduce((sum, n) => sum + n, 0);

describe("the inline transport", () => {
  let bed: ExecutorBed;
  before(async () => {
    bed = await startExecutorBed();
  });
  after(() => bed.close());

  test("run() makes no S3 request at all for a warm small task", async () => {
    const executor = bed.executor();
    equal(await executor.run((n: number) => n + 1, [1]), 2);
    bed.aws.resetRequestCounts();
    for (let i = 0; i < 5; i++) equal(await executor.run((n: number) => n * 2, [i]), i * 2);
    const counts = bed.aws.requestCounts();
    equal(s3Requests(counts), 0, JSON.stringify(counts));
    equal(counts.lambda.Invoke, 5);
  });

  test("run() spills an argument larger than the inline limit to S3 and removes it afterwards", async () => {
    const executor = bed.executorWith({ inlineLimit: 16 * 1024 });
    const text = "é".repeat(40_000);
    bed.aws.resetRequestCounts();
    equal(await executor.run((s: string) => s.length, [text]), 40_000);
    const counts = bed.aws.requestCounts();
    ok((counts.s3.PutObject ?? 0) >= 1, JSON.stringify(counts));
    ok((counts.s3.GetObject ?? 0) >= 1, "the function read the spilled arguments");
    deepEqual(await bed.objectKeys(), []);
  });

  test("run() brings back through S3 an outcome larger than the inline limit, as bytes", async () => {
    const executor = bed.executorWith({ inlineLimit: 16 * 1024 });
    const back = await executor.run((n: number) => new Uint8Array(n).map((_, i) => i % 256), [300_000]);
    ok(back instanceof Uint8Array);
    equal(back.length, 300_000);
    equal(back[257], 1);
    deepEqual(await bed.objectKeys(), []);
  });

  test("run() sends a few megabytes of bytes and gets them back intact", async () => {
    const executor = bed.executor();
    const bytes = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 7) % 251);
    const back = await executor.run((b: Uint8Array) => b.reverse(), [bytes]);
    equal(back.length, bytes.length);
    equal(back[0], bytes[bytes.length - 1]);
    equal(back[back.length - 1], bytes[0]);
    deepEqual(await bed.objectKeys(), []);
  });

  test("run() stores a module bundle once for many runs, and close() removes it", async () => {
    const executor = bed.executor();
    const uploads = bed.aws.faults.add({ service: "s3", method: "PUT", path: /\/code\//, delayMs: 0 });
    const task = moduleTask<typeof readTitle>(new URL("./fixtures/tasks.ts", import.meta.url), "readTitle");
    for (let i = 0; i < 3; i++) equal(typeof (await executor.run(task, ['title = "x"\n'])), "string");
    equal(uploads.hits, 1);
    ok((await bed.objectKeys()).some((key) => key.includes("/code/")));
    await executor.close();
    deepEqual(await bed.objectKeys(), []);
    uploads.remove();
  });

  test("run() keeps the documents of an inline run in cache_dir when cleanup is off", async () => {
    const executor = bed.executorWith({ cleanup: false });
    equal(await executor.run((n: number) => n + 1, [41], { dispatchId: "kept", nodeId: "n1" }), 42);
    const root = join(bed.options.cacheDir!, "covalent-awslambda", "kept");
    const [runDir] = (await Array.fromAsync(Deno.readDir(root))).map((entry) => entry.name);
    ok(existsSync(join(root, runDir, "task.json")));
    const answer = JSON.parse(readFileSync(join(root, runDir, "answer.json"), "utf8"));
    equal(answer.ok, true);
    ok(!readFileSync(join(root, runDir, "task.json"), "utf8").includes("X-Amz-Signature"));
  });
});
