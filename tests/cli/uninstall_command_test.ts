import { CreateFunctionCommand, TagResourceCommand } from "@aws-sdk/client-lambda";
import { deepStrictEqual as deepEqual, match, strictEqual as equal } from "node:assert/strict";
import { describe, test } from "node:test";
import { runOnLambda, sweep, uninstall } from "../../mod.ts";
import { createZip } from "../../src/archive/zip_writer.ts";
import { runCli } from "../../src/cli/run_cli.ts";
import { lambdaClient } from "../support/aws_clients.ts";
import { bedFlags } from "../support/bed_flags.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";
import { type ExecutorBed, startExecutorBed } from "../support/executor_bed.ts";

/** A function tagged as made by an older version of this package. */
async function oldVersionFunction(bed: ExecutorBed, name: string): Promise<void> {
  const lambda = lambdaClient(bed.aws);
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "arn:aws:iam::000000000000:role/CovalentLambdaExecutionRole",
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Code: { ZipFile: createZip([{ path: "index.mjs", data: "export const handler = async () => 1;" }]) },
    }),
  );
  await lambda.send(
    new TagResourceCommand({ Resource: created.FunctionArn!, Tags: { "covalent-awslambda": "0.0.1" } }),
  );
  lambda.destroy();
}

describe("uninstall and sweep of functions", () => {
  test("sweep() removes a shared function of another version but keeps this version's", async () => {
    await using bed = await startExecutorBed();
    equal(await runOnLambda(() => 1, [], bed.options), 1);
    await oldVersionFunction(bed, "covalent-awslambda-0123456789abcdef0123");
    const preview = await sweep({ ...bed.options, olderThanMs: -1000 });
    deepEqual(preview.functions, ["covalent-awslambda-0123456789abcdef0123"]);
    equal((await bed.functionNames()).length, 2, "a dry run by default");
    await sweep({ ...bed.options, olderThanMs: -1000, dryRun: false });
    equal((await bed.functionNames()).length, 1);
  });

  test("uninstall lists every function of the executor, then removes them with --yes", async () => {
    await using bed = await startExecutorBed();
    equal(await runOnLambda(() => 1, [], bed.options), 1);
    await oldVersionFunction(bed, "covalent-awslambda-fedcba9876543210fedc");
    const preview = recordingIo();
    equal(await runCli(["uninstall", ...bedFlags(bed, { bucket: false })], preview), 0);
    match(preview.stdout.join("\n"), /Would remove 2 function\(s\)[\s\S]*Run again with --yes/);
    equal((await bed.functionNames()).length, 2);
    const real = recordingIo();
    equal(await runCli(["uninstall", "--yes", ...bedFlags(bed, { bucket: false })], real), 0);
    match(real.stdout.join("\n"), /Removed 2 function\(s\)/);
    deepEqual(await bed.functionNames(), []);
  });

  test("uninstall() with removeObjects also removes the executor's objects in the bucket", async () => {
    await using bed = await startExecutorBed({ cleanup: false, inlineLimit: 4096 });
    await runOnLambda((s: string) => s + s, ["x".repeat(10_000)], bed.options);
    equal((await bed.objectKeys()).length, 2);
    const report = await uninstall({ ...bed.options, removeObjects: true, dryRun: false });
    equal(report.objects.length, 2);
    deepEqual(await bed.objectKeys(), []);
    deepEqual(await bed.functionNames(), []);
  });
});
