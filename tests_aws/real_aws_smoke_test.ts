/**
 * Opt-in smoke test against a real AWS account: `deno task test:aws`. It uses the account of
 * the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, …) and the
 * executor's usual configuration (Covalent's config file, AWS_REGION); COVALENT_SMOKE_BUCKET
 * names the staging bucket when the default is not yours. Skipped, with a line saying how to
 * run it, when the environment names no credentials.
 */
import { Effect } from "effect";
import { deepStrictEqual as deepEqual, ok, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { AWSLambdaExecutor, awsLayer, loadConfig, runOnLambda, sweepEffect as sweep } from "../mod.ts";

const env = process.env;
const hasCredentials = Boolean(
  env.AWS_PROFILE || env.AWS_ACCESS_KEY_ID || env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
);
const skip = hasCredentials
  ? false
  : "no AWS credentials in the environment: set AWS_PROFILE (or AWS_ACCESS_KEY_ID " +
    "and AWS_SECRET_ACCESS_KEY), optionally AWS_REGION and COVALENT_SMOKE_BUCKET, then run `deno task test:aws`";
// The test runner only says "ignored"; this line says why and how to run it.
if (skip) console.log(`real AWS smoke test skipped: ${skip}`);
const options = { s3BucketName: env.COVALENT_SMOKE_BUCKET, logLevel: "Info" as const };

describe("real AWS smoke test", { skip }, () => {
  test("runOnLambda() runs one task on the account", async () => {
    equal(await runOnLambda((a: number, b: number) => a + b, [20, 22], options), 42);
  });

  test("AWSLambdaExecutor runs several tasks at once on one shared function", async () => {
    await using executor = new AWSLambdaExecutor(options);
    const squares = await Promise.all([1, 2, 3, 4, 5].map((n) => executor.run((x: number) => x * x, [n])));
    deepEqual(squares, [1, 4, 9, 16, 25]);
  });

  test("AWSLambdaExecutor round-trips a value of a few megabytes", async () => {
    await using executor = new AWSLambdaExecutor(options);
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const back = await executor.run((b: Uint8Array) => b.reverse(), [bytes]);
    equal(back.length, bytes.length);
    equal(back[0], bytes[bytes.length - 1]);
  });

  test("sweep() lists what runs left behind without removing it on a dry run", async () => {
    const config = await Effect.runPromise(loadConfig(options));
    const report = await Effect.runPromise(
      sweep({ bucket: config.s3BucketName, cacheDir: config.cacheDir, olderThanMs: 3_600_000, dryRun: true })
        .pipe(
          Effect.provide(awsLayer(config)),
        ),
    );
    deepEqual(report.problems, []);
    ok(Array.isArray(report.functions));
  });
});
