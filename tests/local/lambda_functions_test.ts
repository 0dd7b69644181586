import {
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  ListTagsCommand,
  paginateListFunctions,
  PreconditionFailedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import {
  deepStrictEqual as deepEqual,
  match,
  notStrictEqual as notEqual,
  ok,
  strictEqual as equal,
} from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createZip } from "../../src/archive/zip_writer.ts";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import {
  createActiveFunction,
  createTestFunction,
  ECHO_SOURCE,
  moduleZip,
  waitForUpdated,
} from "../support/lambda_functions.ts";

describe("Lambda functions (control plane)", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50 })));
  after(() => aws.close());

  test("CreateFunction() answers 201 with State Pending and AWS's configuration fields", async () => {
    const zip = moduleZip(ECHO_SOURCE);
    const created = await createTestFunction(lambda, aws, "created-fn", {
      Environment: { Variables: { AB: "1" } },
    });
    equal(created.$metadata.httpStatusCode, 201);
    equal(created.FunctionName, "created-fn");
    equal(created.FunctionArn, `arn:aws:lambda:${aws.region}:000000000000:function:created-fn`);
    equal(created.Runtime, "nodejs22.x");
    equal(created.Handler, "index.handler");
    equal(created.CodeSize, zip.length);
    equal(created.CodeSha256, createHash("sha256").update(zip).digest("base64"));
    equal(created.Timeout, 3);
    equal(created.MemorySize, 128);
    equal(created.Version, "$LATEST");
    equal(created.Description, "");
    equal(created.PackageType, "Zip");
    deepEqual(created.Architectures, ["x86_64"]);
    deepEqual(created.EphemeralStorage, { Size: 512 });
    deepEqual(created.Environment, { Variables: { AB: "1" } });
    equal(created.State, "Pending");
    equal(created.StateReason, "The function is being created.");
    equal(created.StateReasonCode, "Creating");
    equal(created.LastUpdateStatus, undefined);
    match(created.RevisionId ?? "", /^[0-9a-f-]{36}$/);
    match(created.LastModified ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  test("CreateFunction() refuses a name in use with ResourceConflictException", async () => {
    await createTestFunction(lambda, aws, "duplicate-fn");
    const error = await rejection(createTestFunction(lambda, aws, "duplicate-fn"));
    ok(error instanceof ResourceConflictException);
    equal(error.message, "Function already exist: duplicate-fn");
    equal(statusOf(error), 409);
  });

  test("GetFunction() finds a function by name, full ARN, partial ARN and name:$LATEST", async () => {
    await createActiveFunction(lambda, aws, "found-fn");
    const arn = `arn:aws:lambda:${aws.region}:000000000000:function:found-fn`;
    for (const reference of ["found-fn", arn, "000000000000:function:found-fn"]) {
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: reference }));
      equal(got.Configuration?.FunctionArn, arn);
      equal(got.Configuration?.State, "Active");
      equal(got.Configuration?.LastUpdateStatus, "Successful");
      equal(got.Configuration?.StateReason, undefined);
      equal(got.Code?.RepositoryType, "S3");
      equal(got.Tags, undefined);
    }
    const qualified = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "found-fn:$LATEST" }),
    );
    equal(qualified.FunctionArn, `${arn}:$LATEST`);
  });

  test("GetFunction() answers ResourceNotFoundException for a missing function or version", async () => {
    const missing = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: "nope" })));
    ok(missing instanceof ResourceNotFoundException);
    equal(missing.message, `Function not found: arn:aws:lambda:${aws.region}:000000000000:function:nope`);
    equal(missing.Type, "User");
    await createTestFunction(lambda, aws, "versioned-fn");
    const version = await rejection(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "versioned-fn", Qualifier: "7" })),
    );
    ok(version instanceof ResourceNotFoundException);
    match(version.message, /function:versioned-fn:7$/);
  });

  test("GetFunction() Code.Location downloads the deployment zip with a plain fetch", async () => {
    const zip = moduleZip("export const handler = async () => 'download me';\n");
    await createTestFunction(lambda, aws, "download-fn", { Code: { ZipFile: zip } });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "download-fn" }));
    const response = await fetch(got.Code?.Location ?? "");
    equal(response.status, 200);
    deepEqual(new Uint8Array(await response.arrayBuffer()), zip);
  });

  test("GetFunction() Code.Location refuses a tampered signature", async () => {
    await createTestFunction(lambda, aws, "tamper-fn");
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "tamper-fn" }));
    const url = new URL(got.Code?.Location ?? "");
    url.searchParams.set("X-Amz-Signature", "0".repeat(64));
    const response = await fetch(url);
    equal(response.status, 403);
    await response.body?.cancel();
  });

  test("CreateFunction() unpacks the zip into the data directory, keeping executable bits and links", async () => {
    const zip = createZip([
      { path: "index.mjs", data: ECHO_SOURCE },
      { path: "bin/tool", data: "#!/bin/sh\necho hi\n", mode: 0o755 },
      { path: "lib/data.json", data: "{}" },
      // createZip ORs in the regular-file type 0o100000; adding 0o020000 makes it a link (0o120000).
      { path: "current.json", data: "lib/data.json", mode: 0o020777 },
    ]);
    await createTestFunction(lambda, aws, "unpacked-fn", { Code: { ZipFile: zip } });
    const functionDir = join(aws.dataDir, "lambda", "unpacked-fn");
    const codeDirs = readdirSync(functionDir).filter((entry) =>
      statSync(join(functionDir, entry)).isDirectory()
    );
    equal(codeDirs.length, 1);
    const codeDir = join(functionDir, codeDirs[0]);
    equal(readFileSync(join(codeDir, "index.mjs"), "utf8"), ECHO_SOURCE);
    equal(readFileSync(join(codeDir, "lib", "data.json"), "utf8"), "{}");
    equal(statSync(join(codeDir, "bin", "tool")).mode & 0o777, 0o755);
    equal(statSync(join(codeDir, "index.mjs")).mode & 0o111, 0);
    equal(readlinkSync(join(codeDir, "current.json")), "lib/data.json");
    equal(readFileSync(join(codeDir, "current.json"), "utf8"), "{}");
  });

  test("ListFunctions pages through every function with paginateListFunctions and MaxItems", async () => {
    const names = ["page-a", "page-b", "page-c", "page-d", "page-e"];
    for (const name of names) await createTestFunction(lambda, aws, name);
    const pages: string[][] = [];
    for await (const page of paginateListFunctions({ client: lambda, pageSize: 2 }, {})) {
      pages.push((page.Functions ?? []).map((fn) => fn.FunctionName ?? ""));
      for (const fn of page.Functions ?? []) {
        equal(fn.State, undefined);
        equal(fn.LastUpdateStatus, undefined);
        equal(fn.Version, "$LATEST");
      }
      if (page.Functions?.length !== 2) equal(page.NextMarker, undefined);
    }
    const listed = pages.flat();
    for (const name of names) ok(listed.includes(name), `${name} is listed`);
    equal(new Set(listed).size, listed.length);
    ok(pages.every((page) => page.length <= 2));
  });

  test("DeleteFunction() answers 204, forgets the function and removes its code", async () => {
    await createActiveFunction(lambda, aws, "deleted-fn");
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: "deleted-fn" }));
    equal(deleted.StatusCode, 204);
    const error = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: "deleted-fn" })));
    ok(error instanceof ResourceNotFoundException);
    equal(existsSync(join(aws.dataDir, "lambda", "deleted-fn")), false);
    const again = await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: "deleted-fn" })));
    ok(again instanceof ResourceNotFoundException);
  });

  test("UpdateFunctionCode() reports InProgress, then the new code with a new RevisionId", async () => {
    const created = await createActiveFunction(lambda, aws, "code-fn");
    const zip = moduleZip("export const handler = async () => 'v2';\n");
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: "code-fn", ZipFile: zip }),
    );
    equal(updated.State, "Active");
    equal(updated.LastUpdateStatus, "InProgress");
    equal(updated.LastUpdateStatusReasonCode, "Creating");
    equal(updated.CodeSha256, createHash("sha256").update(zip).digest("base64"));
    notEqual(updated.RevisionId, created.RevisionId);
    await waitForUpdated(lambda, "code-fn");
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "code-fn" }));
    equal(after.LastUpdateStatus, "Successful");
    equal(after.CodeSize, zip.length);
  });

  test("UpdateFunctionConfiguration() applies the settings and checks RevisionId", async () => {
    await createActiveFunction(lambda, aws, "config-fn");
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "config-fn",
        Timeout: 30,
        MemorySize: 512,
        Description: "tuned",
        Environment: { Variables: { MODE: "fast" } },
      }),
    );
    equal(updated.LastUpdateStatus, "InProgress");
    await waitForUpdated(lambda, "config-fn");
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "config-fn" }));
    equal(after.Timeout, 30);
    equal(after.MemorySize, 512);
    equal(after.Description, "tuned");
    deepEqual(after.Environment?.Variables, { MODE: "fast" });
    const stale = await rejection(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "config-fn", RevisionId: "stale" })),
    );
    ok(stale instanceof PreconditionFailedException);
    equal(statusOf(stale), 412);
  });

  test("TagResource, ListTags and UntagResource manage tags that GetFunction then shows", async () => {
    const created = await createTestFunction(lambda, aws, "tagged-fn", { Tags: { team: "a" } });
    const arn = created.FunctionArn ?? "";
    const tagged = await lambda.send(
      new TagResourceCommand({ Resource: arn, Tags: { env: "dev", tier: "1" } }),
    );
    equal(tagged.$metadata.httpStatusCode, 204);
    deepEqual((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, {
      team: "a",
      env: "dev",
      tier: "1",
    });
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ["team", "tier"] }));
    deepEqual((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { env: "dev" });
    deepEqual((await lambda.send(new GetFunctionCommand({ FunctionName: "tagged-fn" }))).Tags, {
      env: "dev",
    });
    const missing = await rejection(
      lambda.send(new ListTagsCommand({ Resource: arn.replace("tagged-fn", "untagged-nope") })),
    );
    ok(missing instanceof ResourceNotFoundException);
  });
});
