import { Effect } from "effect";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { existsSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { awsApiLayer, runOnLambda, sweepEffect as sweep, type SweepSettings } from "../../mod.ts";
import { createZip } from "../../src/archive/zip_writer.ts";
import { lambdaClient } from "../support/aws_clients.ts";
import { BED_BUCKET, startExecutorBed } from "../support/executor_bed.ts";

describe("sweep()", () => {
  test("sweep() lists leftovers on a dry run, removes them for real, and spares younger ones", async () => {
    // Values large enough to travel through S3, so the run leaves objects as well as files.
    await using bed = await startExecutorBed({ cleanup: false, inlineLimit: 4096 });
    const text = "left behind".repeat(1000);
    equal(await runOnLambda((s: string) => s.toUpperCase(), [text], bed.options), text.toUpperCase());
    const layer = awsApiLayer({
      region: bed.aws.region,
      endpoint: bed.aws.endpoint,
      credentials: bed.aws.credentials,
    });
    const settings = { bucket: BED_BUCKET, cacheDir: bed.options.cacheDir! };
    const run = (olderThanMs: number, dryRun: boolean) =>
      Effect.runPromise(sweep({ ...settings, olderThanMs, dryRun }).pipe(Effect.provide(layer)));

    const young = await run(3_600_000, false);
    deepEqual([young.objects.length, young.functions.length, young.cacheDirs.length], [0, 0, 0]);

    // A cutoff a second ahead: everything written so far counts as old, whatever the clock granularity.
    const preview = await run(-1000, true);
    equal(preview.objects.length, 2, `the spilled arguments and outcome: ${preview.objects.join(", ")}`);
    equal(preview.functions.length, 0, "the shared function of this version is in use: kept");
    equal(preview.cacheDirs.length, 1, "the documents kept in the cache");
    equal((await bed.objectKeys()).length, 2, "a dry run removes nothing");

    const swept = await run(-1000, false);
    deepEqual(swept.problems, []);
    deepEqual(await bed.objectKeys(), []);
    equal((await bed.functionNames()).length, 1);
    ok(!existsSync(preview.cacheDirs[0]));
  });

  test("sweep() leaves functions without the executor's tag alone even when their name matches", async () => {
    await using bed = await startExecutorBed();
    const lambda = lambdaClient(bed.aws);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "covalent-awslambda-someone-else",
        Role: "arn:aws:iam::000000000000:role/CovalentLambdaExecutionRole",
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Code: { ZipFile: createZip([{ path: "index.mjs", data: "export const handler = async () => 1;" }]) },
      }),
    );
    const staleDir = join(bed.options.cacheDir!, "covalent-awslambda", "old-dispatch", "node-1");
    mkdirSync(staleDir, { recursive: true });
    writeFileSync(join(staleDir, "task.json"), "{}");
    utimesSync(staleDir, new Date(0), new Date(0));
    const settings: SweepSettings = {
      bucket: BED_BUCKET,
      cacheDir: bed.options.cacheDir!,
      olderThanMs: 0,
      dryRun: false,
    };
    lambda.destroy();
    const layer = awsApiLayer({
      region: bed.aws.region,
      endpoint: bed.aws.endpoint,
      credentials: bed.aws.credentials,
    });
    const report = await Effect.runPromise(sweep(settings).pipe(Effect.provide(layer)));
    deepEqual(report.functions, []);
    deepEqual(await bed.functionNames(), ["covalent-awslambda-someone-else"]);
    deepEqual(report.cacheDirs, [staleDir]);
    ok(!existsSync(join(bed.options.cacheDir!, "covalent-awslambda", "old-dispatch")));
  });
});
