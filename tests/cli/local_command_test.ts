import { GetRoleCommand } from "@aws-sdk/client-iam";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal, throws } from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";
import { parse } from "smol-toml";
import { localBanner } from "../../src/cli/local_banner.ts";
import { DEFAULT_BUCKET, DEFAULT_ROLE, parseLocalArgs } from "../../src/cli/local_command.ts";
import { runCli } from "../../src/cli/run_cli.ts";
import { CliUsageError } from "../../src/cli/usage_error.ts";
import type { LocalAws } from "../../local.ts";
import { iamClient, s3Client, stsClient } from "../support/aws_clients.ts";
import { recordingIo } from "../support/cli_io_recorder.ts";

const DEFAULTS = { port: 4566, host: "127.0.0.1", region: "us-east-1" };

describe("parseLocalArgs()", () => {
  const accepted: Array<[string[], ReturnType<typeof parseLocalArgs>]> = [
    [[], { help: false, options: DEFAULTS }],
    [["--port", "0"], { help: false, options: { ...DEFAULTS, port: 0 } }],
    [["--host=0.0.0.0", "--region", "eu-west-1"], {
      help: false,
      options: { ...DEFAULTS, host: "0.0.0.0", region: "eu-west-1" },
    }],
    [["--data-dir", "/tmp/aws data"], { help: false, options: { ...DEFAULTS, dataDir: "/tmp/aws data" } }],
    [["--concurrency", "3", "--pending-ms", "0"], {
      help: false,
      options: { ...DEFAULTS, concurrency: 3, pendingMs: 0 },
    }],
    [["--help"], { help: true }],
    [["--port", "1", "-h"], { help: true }],
  ];
  for (const [args, expected] of accepted) {
    test(`parseLocalArgs() reads ${JSON.stringify(args)}`, () => {
      deepEqual(parseLocalArgs(args), expected);
    });
  }

  const refused: Array<[string[], RegExp]> = [
    [["--prot", "1"], /Unknown option "--prot" for "local"/],
    [["--port", "65536"], /Invalid value for --port: "65536"/],
    [["--concurrency", "0"], /Invalid value for --concurrency: "0" \(expected an integer from 1 to 10000\)/],
    [["--pending-ms", "soon"], /Invalid value for --pending-ms: "soon"/],
    [["--region", "US East"], /Invalid value for --region: "US East"/],
    [["--host="], /--host: it must not be empty/],
    [["--data-dir"], /Option --data-dir needs a value <dir>/],
    [["extra"], /Unexpected argument "extra" for "local"/],
  ];
  for (const [args, message] of refused) {
    test(`parseLocalArgs() refuses ${JSON.stringify(args)}`, () => {
      throws(
        () => parseLocalArgs(args),
        (error) => error instanceof CliUsageError && message.test(error.message),
      );
    });
  }
});

describe("localBanner()", () => {
  const facts = {
    endpoint: "http://127.0.0.1:4566",
    region: "eu-west-1",
    credentials: { accessKeyId: "test", secretAccessKey: "it's secret" },
    dataDir: "/tmp/x",
    keepsData: false,
    bucket: DEFAULT_BUCKET,
    roleName: DEFAULT_ROLE,
  };

  test("localBanner() prints a Covalent TOML section that parses to the endpoint and region", () => {
    const banner = localBanner(facts);
    const section = banner.slice(banner.indexOf("[executors.awslambda]")).split("\n\n")[0];
    const lines = section.split("\n").map((line) => line.trim()).join("\n");
    deepEqual(JSON.parse(JSON.stringify(parse(lines))), {
      executors: {
        awslambda: {
          endpoint: "http://127.0.0.1:4566",
          region: "eu-west-1",
          s3_bucket_name: "covalent-lambda-job-resources",
          lambda_role_name: "CovalentLambdaExecutionRole",
        },
      },
    });
  });

  test("localBanner() prints shell-quoted credential exports and an aws --endpoint-url example", () => {
    const banner = localBanner(facts);
    ok(banner.includes("export AWS_ACCESS_KEY_ID=test\n"));
    ok(banner.includes("export AWS_SECRET_ACCESS_KEY='it'\\''s secret'\n"));
    ok(banner.includes("export AWS_REGION=eu-west-1\n"));
    ok(banner.includes("aws --endpoint-url http://127.0.0.1:4566 sts get-caller-identity"));
    ok(banner.includes("temporary, removed on exit"));
  });
});

/** Starts `local` in-process on a free port; returns the recorder, the exit code and a client target. */
async function startLocalCommand(region = "us-east-1") {
  const io = recordingIo();
  const exitCode = runCli(["local", "--port", "0", "--region", region], io);
  const [, endpoint] = await io.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const target: LocalAws = {
    endpoint,
    region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    dataDir: "",
    close: () => Promise.resolve(),
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
  return { io, exitCode, target };
}

describe("covalent-awslambda local (in-process)", () => {
  test("runCli() serves local AWS until a stop is requested, then closes it and returns 0", async () => {
    const { io, exitCode, target } = await startLocalCommand("eu-west-1");
    const identity = await stsClient(target).send(new GetCallerIdentityCommand({}));
    equal(identity.Account, "000000000000");
    const { Role: role } = await iamClient(target).send(new GetRoleCommand({ RoleName: DEFAULT_ROLE }));
    equal(role!.RoleName, DEFAULT_ROLE);
    const [, dataDir] = io.stdout.join("\n").match(/data +(\S+) \(temporary/)!;
    ok(existsSync(dataDir));

    io.requestStop("SIGTERM");
    equal(await exitCode, 0);
    match(io.stdout.join("\n"), /Received SIGTERM; stopping local AWS/);
    match(
      io.stdout.at(-1)!,
      /^Stopped: closed http:\/\/127\.0\.0\.1:\d+, ended every function process, removed /,
    );
    equal(existsSync(dataDir), false, "the temporary data directory is removed");
    deepEqual(io.stderr, []);
    const afterStop = await fetch(target.endpoint).then(() => "answered", () => "refused");
    equal(afterStop, "refused");
  });

  test("local creates the executor's default bucket", async () => {
    const { io, exitCode, target } = await startLocalCommand();
    try {
      const out = await s3Client(target).send(new HeadBucketCommand({ Bucket: DEFAULT_BUCKET }));
      equal(out.$metadata.httpStatusCode, 200);
    } finally {
      io.requestStop();
      equal(await exitCode, 0);
    }
  });

  test("local answers a port in use with a clear message and exit code 1", async () => {
    const first = await startLocalCommand();
    try {
      const port = new URL(first.target.endpoint).port;
      const io = recordingIo();
      equal(await runCli(["local", "--port", port], io), 1);
      deepEqual(io.stderr, [
        `Cannot listen on 127.0.0.1:${port}: the port is in use. Try --port 0 or another port.`,
      ]);
    } finally {
      first.io.requestStop();
      equal(await first.exitCode, 0);
    }
  });
});
