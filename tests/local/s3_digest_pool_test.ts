// The digest pool's failure paths: a body a worker cannot hash, a pool closed under a body in
// progress, and a pool used after close. The large-body tests cover the paths that succeed.
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { rejects, strictEqual as equal, throws } from "node:assert/strict";
import { describe, test } from "node:test";
import { createDigestPool, digestWorkerStats, type WorkerAlgorithm } from "../../src/local/s3/digest_pool.ts";

describe("createDigestPool()", () => {
  test("hashes pieces, given away or lent, in order", async () => {
    const pool = createDigestPool({ size: 1 });
    try {
      const lent = new Uint8Array([1, 2, 3]);
      const job = pool.start(["md5", "sha256"]);
      await job.push(lent, false);
      await job.push(new Uint8Array([4, 5]), true);
      const digests = await job.finish();
      equal(lent.length, 3, "a lent piece is copied, not detached");
      const whole = new Uint8Array([1, 2, 3, 4, 5]);
      equal(Buffer.from(digests.md5).toString("hex"), createHash("md5").update(whole).digest("hex"));
      equal(Buffer.from(digests.sha256).toString("hex"), createHash("sha256").update(whole).digest("hex"));
    } finally {
      await pool.close();
    }
  });

  test("a body the worker cannot hash fails its job with the worker's reason, and the worker goes on", async () => {
    const pool = createDigestPool({ size: 1 });
    try {
      const job = pool.start(["no-such-hash" as WorkerAlgorithm]);
      await rejects(job.finish(), /^Error: Cannot hash the body: .*Digest method not supported/);
      await rejects(async () => await job.push(new Uint8Array(4), true), /Cannot hash the body/);
      const next = pool.start(["md5"]);
      await next.push(new Uint8Array([9]), true);
      equal(
        Buffer.from((await next.finish()).md5).toString("hex"),
        createHash("md5").update(new Uint8Array([9])).digest("hex"),
      );
    } finally {
      await pool.close();
    }
  });

  test("close() fails a body in progress, leaves no worker, and refuses new bodies", async () => {
    const before = digestWorkerStats().workers;
    const pool = createDigestPool({ size: 1 });
    const job = pool.start(["md5"]);
    await job.push(new Uint8Array(1024), true);
    const finished = job.finish();
    await pool.close();
    await rejects(finished, /Cannot hash the body: the digest worker exited/);
    equal(digestWorkerStats().workers, before);
    equal(digestWorkerStats().bodies, 0);
    throws(() => pool.start(["md5"]), /the digest pool is closed/);
  });

  test("cancel() drops a body: its finish() fails at once and no body is counted any more", async () => {
    const pool = createDigestPool({ size: 1 });
    try {
      const job = pool.start(["md5"]);
      await job.push(new Uint8Array(1024), true);
      job.cancel();
      await rejects(job.finish(), /cancelled/);
      equal(digestWorkerStats().bodies, 0);
    } finally {
      await pool.close();
    }
  });
});
