import { Effect, Exit, Logger } from "effect";
import { deepStrictEqual as deepEqual, match, ok, strictEqual as equal } from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ConfigError } from "../../src/config/config_error.ts";
import type { ExecutorOptions } from "../../src/config/executor_options.ts";
import { type ConfigEnvironment, loadConfig } from "../../src/config/load_config.ts";

const home = mkdtempSync(join(tmpdir(), "config-test-"));
after(() => rmSync(home, { recursive: true, force: true }));

let fileCount = 0;
function configFile(toml: string): string {
  const path = join(home, `covalent-${++fileCount}.conf`);
  writeFileSync(path, toml);
  return path;
}

function load(options: ExecutorOptions, env: Record<string, string> = {}, warnings: string[] = []) {
  const environment: ConfigEnvironment = { env, home };
  const capture = Logger.make(({ message, logLevel }) => {
    if (logLevel === "Warn") warnings.push([message].flat().join(" "));
  });
  return Effect.runPromiseExit(
    loadConfig(options, environment).pipe(Effect.provide(Logger.layer([capture]))),
  );
}

async function loaded(options: ExecutorOptions, env: Record<string, string> = {}, warnings: string[] = []) {
  const exit = await load(options, env, warnings);
  if (Exit.isFailure(exit)) throw new Error(`expected success, got ${String(exit.cause)}`);
  return exit.value;
}

async function failure(options: ExecutorOptions, env: Record<string, string> = {}): Promise<ConfigError> {
  const exit = await load(options, env);
  if (Exit.isSuccess(exit)) throw new Error("expected a ConfigError");
  const reason = exit.cause.reasons[0];
  if (reason._tag !== "Fail") throw new Error(`expected a failure, got ${reason._tag}`);
  ok(reason.error instanceof ConfigError);
  return reason.error;
}

describe("loadConfig()", () => {
  test("loadConfig() gives the seed's defaults when nothing is configured", async () => {
    const config = await loaded({ configFile: undefined });
    equal(config.region, "us-east-1");
    equal(config.lambdaRoleName, "CovalentLambdaExecutionRole");
    equal(config.s3BucketName, "covalent-lambda-job-resources");
    equal(config.cacheDir, join(home, ".cache", "covalent"));
    equal(config.pollFreq, 5);
    equal(config.timeout, 60);
    equal(config.memorySize, 512);
    equal(config.cleanup, true);
    equal(config.endpoint, undefined);
    equal(config.credentials, undefined);
    deepEqual(config.sources.timeout, { kind: "default" });
  });

  test("loadConfig() reads $COVALENT_CONFIG_DIR/covalent.conf when the variable is set", async () => {
    const dir = mkdtempSync(join(home, "cfgdir-"));
    writeFileSync(join(dir, "covalent.conf"), "[executors.awslambda]\ntimeout = 42\n");
    const config = await loaded({}, { COVALENT_CONFIG_DIR: dir });
    equal(config.timeout, 42);
    deepEqual(config.sources.timeout, { kind: "file", path: join(dir, "covalent.conf"), line: 2 });
  });

  test("loadConfig() reads ~/.config/covalent/covalent.conf when no variable is set", async () => {
    const fakeHome = mkdtempSync(join(home, "home-"));
    mkdirSync(join(fakeHome, ".config", "covalent"), { recursive: true });
    writeFileSync(
      join(fakeHome, ".config", "covalent", "covalent.conf"),
      "[executors.awslambda]\nmemory_size = 1024\n",
    );
    const exit = await Effect.runPromiseExit(loadConfig({}, { env: {}, home: fakeHome }));
    ok(Exit.isSuccess(exit));
    equal(exit.value.memorySize, 1024);
  });

  test("loadConfig() lets the environment beat the file and options beat both", async () => {
    const file = configFile(
      '[executors.awslambda]\nregion = "eu-west-1"\nprofile = "fromfile"\ntimeout = 10\n',
    );
    const fromEnv = await loaded({ configFile: file }, { AWS_REGION: "ap-south-1", AWS_PROFILE: "fromenv" });
    equal(fromEnv.region, "ap-south-1");
    equal(fromEnv.profile, "fromenv");
    equal(fromEnv.timeout, 10);
    deepEqual(fromEnv.sources.region, { kind: "env", name: "AWS_REGION" });
    const fromOption = await loaded({ configFile: file, region: "us-west-2", timeout: undefined }, {
      AWS_REGION: "ap-south-1",
    });
    equal(fromOption.region, "us-west-2");
    equal(fromOption.timeout, 10, "an undefined option counts as not given");
  });

  test("loadConfig() uses AWS_DEFAULT_REGION when AWS_REGION is absent", async () => {
    const config = await loaded({}, { AWS_DEFAULT_REGION: "eu-north-1" });
    equal(config.region, "eu-north-1");
  });

  test("loadConfig() reads the Python plugin's key names as aliases", async () => {
    const file = configFile(
      '[executors.awslambda]\ncredentials_file = "~/creds"\nexecution_role = "arn:aws:iam::123456789012:role/x"\n',
    );
    const config = await loaded({ configFile: file });
    equal(config.credentials, join(home, "creds"));
    equal(config.lambdaRoleName, "arn:aws:iam::123456789012:role/x");
  });

  test("loadConfig() takes AWS_SHARED_CREDENTIALS_FILE as the credentials file", async () => {
    const config = await loaded({}, { AWS_SHARED_CREDENTIALS_FILE: "/etc/aws-creds" });
    equal(config.credentials, "/etc/aws-creds");
  });

  test("loadConfig() fails naming key, value, range and file line when a value is out of range", async () => {
    const file = configFile("[other]\nx = 1\n\n[executors.awslambda]\n# comment\ntimeout = 901\n");
    const error = await failure({ configFile: file });
    equal(error.key, "timeout");
    equal(error.value, 901);
    equal(error.source, `${file} line 6`);
    match(error.message, /timeout must be 1–900 seconds, got 901/);
  });

  test("loadConfig() fails with the option's name when an option has the wrong type", async () => {
    const error = await failure({ memorySize: "big" as unknown as number });
    equal(error.key, "memorySize");
    equal(error.source, "option memorySize");
    match(error.message, /expected a number/);
  });

  test("loadConfig() refuses a fractional memory size and a memory size below 128", async () => {
    match((await failure({ memorySize: 200.5 })).message, /whole number/);
    match((await failure({ memorySize: 64 })).message, /128–10240 MB, got 64/);
  });

  test("loadConfig() refuses a string where the file needs a boolean", async () => {
    const file = configFile('[executors.awslambda]\ncleanup = "yes"\n');
    const error = await failure({ configFile: file });
    equal(error.key, "cleanup");
    match(error.message, /expected true or false/);
  });

  test("loadConfig() fails with the line when the TOML is malformed", async () => {
    const file = configFile("[executors.awslambda]\ntimeout = = 3\n");
    const error = await failure({ configFile: file });
    match(error.source, /line 2$/);
    match(error.message, /not valid TOML/);
  });

  test("loadConfig() fails when an explicitly named config file does not exist", async () => {
    const error = await failure({ configFile: join(home, "missing.conf") });
    match(error.message, /cannot be read \(ENOENT\)/);
  });

  test("loadConfig() warns about unknown keys and options without failing", async () => {
    const file = configFile("[executors.awslambda]\ntimout = 3\n");
    const warnings: string[] = [];
    await loaded({ configFile: file, pollFrequency: 1 } as ExecutorOptions, {}, warnings);
    ok(warnings.some((w) => w.includes('Unknown key "timout"') && w.includes("line 2")), warnings.join("\n"));
    ok(warnings.some((w) => w.includes('Unknown executor option "pollFrequency"')), warnings.join("\n"));
  });

  test("loadConfig() accepts local and URLs as endpoint and refuses other schemes", async () => {
    equal((await loaded({ endpoint: "local" })).endpoint, "local");
    equal((await loaded({ endpoint: "http://127.0.0.1:4566/" })).endpoint, "http://127.0.0.1:4566");
    match((await failure({ endpoint: "ftp://x" })).message, /only http and https/);
  });
});

describe("loadConfig() and the AWS config file", () => {
  const awsConfig = (text: string) => {
    const path = join(home, `aws-config-${++fileCount}`);
    writeFileSync(path, text);
    return path;
  };
  const profiles = "[default]\nregion = us-west-1\n\n[profile research]\noutput = json\nregion = eu-west-1\n";

  test("loadConfig() takes the profile's region from the AWS config file when no region is set", async () => {
    const path = awsConfig(profiles);
    const config = await loaded({ profile: "research" }, { AWS_CONFIG_FILE: path });
    equal(config.region, "eu-west-1");
    deepEqual(config.sources.region, { kind: "file", path, line: 6 });
  });

  test("loadConfig() takes the default profile's region when no profile is named", async () => {
    const config = await loaded({}, { AWS_CONFIG_FILE: awsConfig(profiles) });
    equal(config.region, "us-west-1");
  });

  test("loadConfig() lets AWS_REGION win over the profile's region", async () => {
    const config = await loaded({ profile: "research" }, {
      AWS_CONFIG_FILE: awsConfig(profiles),
      AWS_REGION: "ap-south-1",
    });
    equal(config.region, "ap-south-1");
  });

  test("loadConfig() reads ~/.aws/config when AWS_CONFIG_FILE is not set", async () => {
    mkdirSync(join(home, ".aws"), { recursive: true });
    writeFileSync(join(home, ".aws", "config"), "[profile other]\nregion = sa-east-1\n");
    try {
      equal((await loaded({ profile: "other" })).region, "sa-east-1");
      equal(
        (await loaded({ profile: "missing" })).region,
        "us-east-1",
        "an absent profile leaves the default",
      );
    } finally {
      rmSync(join(home, ".aws"), { recursive: true, force: true });
    }
  });
});
