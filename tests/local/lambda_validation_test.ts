import {
  InvalidParameterValueException,
  type LambdaClient,
  LambdaServiceException,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { ok, strictEqual as equal } from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createZip } from "../../src/archive/zip_writer.ts";
import type { LocalAwsServer } from "../../local.ts";
import { rejection, statusOf } from "../support/aws_clients.ts";
import { startLocalAwsFixture } from "../support/local_aws_fixture.ts";
import { createTestFunction, ECHO_SOURCE } from "../support/lambda_functions.ts";

const UNZIP_FAILED = "Could not unzip uploaded file. Please check your file, then try to upload again.";

describe("Lambda CreateFunction validation", () => {
  let aws: LocalAwsServer;
  let lambda: LambdaClient;
  before(async () => ({ aws, lambda } = await startLocalAwsFixture({ pendingMs: 50 })));
  after(() => aws.close());

  test("an unknown runtime gets InvalidParameterValueException listing the valid runtimes", async () => {
    const error = await rejection(
      createTestFunction(lambda, aws, "runtime-fn", { Runtime: "nodejs99.x" as never }),
    );
    ok(error instanceof InvalidParameterValueException);
    ok(
      error.message.startsWith(
        "Value nodejs99.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [",
      ),
      error.message,
    );
    ok(error.message.includes("nodejs24.x, nodejs22.x"), "in the order AWS lists them");
    ok(error.message.endsWith("] or be a valid ARN"));
    equal(statusOf(error), 400);
  });

  test("a retired runtime gets InvalidParameterValueException", async () => {
    const error = await rejection(createTestFunction(lambda, aws, "old-fn", { Runtime: "nodejs12.x" }));
    ok(error instanceof InvalidParameterValueException);
    ok(error.message.startsWith("The runtime parameter of nodejs12.x is no longer supported"), error.message);
  });

  test("a Role that is not an IAM role ARN gets ValidationException", async () => {
    const error = await rejection(createTestFunction(lambda, aws, "role-fn", { Role: "my-role" }));
    ok(error instanceof LambdaServiceException);
    equal(error.name, "ValidationException");
    ok(error.message.startsWith("1 validation error detected: Value 'my-role' at 'role' failed to satisfy"));
  });

  test("a Role that does not exist gets InvalidParameterValueException", async () => {
    const error = await rejection(
      createTestFunction(lambda, aws, "norole-fn", { Role: "arn:aws:iam::000000000000:role/no-such-role" }),
    );
    ok(error instanceof InvalidParameterValueException);
    equal(error.message, "The role defined for the function cannot be assumed by Lambda.");
  });

  test("Timeout and MemorySize outside their ranges get one ValidationException naming both", async () => {
    const error = await rejection(
      createTestFunction(lambda, aws, "range-fn", { Timeout: 901, MemorySize: 64 }),
    );
    equal(error.name, "ValidationException");
    equal(
      error.message,
      "2 validation errors detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900; Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
  });

  test("Architectures must be exactly one of x86_64 and arm64", async () => {
    const two = await rejection(
      createTestFunction(lambda, aws, "arch-fn", { Architectures: ["x86_64", "arm64"] }),
    );
    equal(two.name, "ValidationException");
    ok(two.message.includes("Member must have length less than or equal to 1"));
    const unknown = await rejection(
      createTestFunction(lambda, aws, "arch-fn", { Architectures: ["x86"] as never }),
    );
    equal(unknown.name, "ValidationException");
    ok(unknown.message.includes("[x86_64, arm64]"));
    const arm = await createTestFunction(lambda, aws, "arm-fn", { Architectures: ["arm64"] });
    equal(arm.Architectures?.[0], "arm64");
  });

  test("environment variables over 4 KB or with reserved keys get InvalidParameterValueException", async () => {
    const big = await rejection(
      createTestFunction(lambda, aws, "env-fn", { Environment: { Variables: { BIG: "x".repeat(4100) } } }),
    );
    ok(big instanceof InvalidParameterValueException);
    ok(big.message.includes('exceeded the 4KB limit. String measured: {"BIG":'), big.message);
    const reserved = await rejection(
      createTestFunction(lambda, aws, "env-fn", { Environment: { Variables: { AWS_REGION: "x" } } }),
    );
    ok(reserved instanceof InvalidParameterValueException);
    ok(reserved.message.endsWith("Reserved keys used in this request: AWS_REGION"));
  });

  test("bytes that are not a zip get InvalidParameterValueException 'Could not unzip uploaded file'", async () => {
    const error = await rejection(
      createTestFunction(lambda, aws, "badzip-fn", {
        Code: { ZipFile: new TextEncoder().encode("not a zip") },
      }),
    );
    ok(error instanceof InvalidParameterValueException);
    equal(error.message, UNZIP_FAILED);
    const missing = await rejection(
      lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "badzip-fn" })),
    );
    ok(missing instanceof ResourceNotFoundException, "a refused create leaves no function behind");
  });

  test("a zip entry that escapes the code directory is refused and nothing is written outside", async () => {
    for (const path of ["../escaped.mjs", "lib/../../escaped.mjs", "/tmp/escaped-absolute.mjs"]) {
      const zip = createZip([{ path: "index.mjs", data: ECHO_SOURCE }, { path, data: "export {};" }]);
      const error = await rejection(createTestFunction(lambda, aws, "escape-fn", { Code: { ZipFile: zip } }));
      ok(error instanceof InvalidParameterValueException, path);
      equal(error.message, UNZIP_FAILED);
    }
    equal(existsSync(join(aws.dataDir, "lambda", "escaped.mjs")), false);
    equal(existsSync(join(aws.dataDir, "lambda", "escape-fn", "escaped.mjs")), false);
    equal(existsSync("/tmp/escaped-absolute.mjs"), false);
  });

  test("a symbolic link pointing outside the code directory is refused", async () => {
    const zip = createZip([
      { path: "index.mjs", data: ECHO_SOURCE },
      // createZip ORs in the regular-file type 0o100000; adding 0o020000 makes it a link (0o120000).
      { path: "link", data: "../../../../etc/passwd", mode: 0o020777 },
    ]);
    const error = await rejection(createTestFunction(lambda, aws, "symlink-fn", { Code: { ZipFile: zip } }));
    ok(error instanceof InvalidParameterValueException);
  });

  test("a zip over 50 MB gets 413 RequestEntityTooLargeException", async () => {
    const error = await rejection(
      createTestFunction(lambda, aws, "huge-fn", { Code: { ZipFile: new Uint8Array(52_428_801) } }),
    );
    ok(error instanceof LambdaServiceException);
    equal(error.name, "RequestEntityTooLargeException");
    equal(statusOf(error), 413);
  });
});
