/**
 * Driving local AWS with AWS's own Python clients (boto3, the AWS CLI v1) from a test, through
 * `node:child_process`; each says when it is missing so the test can be skipped with a reason.
 *
 * @module
 */
import { spawn, spawnSync } from "node:child_process";
import type { LocalAws } from "../../local.ts";

/** What a child process left behind. */
export interface ChildOutput {
  /** Exit code (null when killed). */
  readonly code: number | null;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Why boto3 cannot be used here, or undefined when it can. */
export function boto3Missing(): string | undefined {
  const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : "boto3 is not installed (python3 -c 'import boto3' failed)";
}

/** Why the AWS CLI cannot be used here, or undefined when it can. */
export function awsCliMissing(): string | undefined {
  const probe = spawnSync("aws", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : "the AWS CLI is not installed (aws --version failed)";
}

function environment(aws: LocalAws, overrides: Readonly<Record<string, string>>): Record<string, string> {
  return {
    ...process.env as Record<string, string>,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: aws.region,
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    ...overrides,
  };
}

/**
 * Runs a program with local AWS's endpoint, keys and region in its environment.
 *
 * @param aws The running local AWS.
 * @param command The program, e.g. `aws`.
 * @param args Its arguments.
 * @param env Variables set over local AWS's, e.g. session keys (`AWS_SESSION_TOKEN`) or `AWS_CONFIG_FILE`.
 * @returns The program's output.
 */
export function runWithAws(
  aws: LocalAws,
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: environment(aws, env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Uint8Array) => (stdout += new TextDecoder().decode(chunk)));
    child.stderr.on("data", (chunk: Uint8Array) => (stderr += new TextDecoder().decode(chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs a Python script with boto3; `s3` is a path-style client for local AWS already made.
 *
 * @param aws The running local AWS.
 * @param body Python statements run after the client is made.
 * @returns The script's output.
 */
export function runBoto3(aws: LocalAws, body: string): Promise<ChildOutput> {
  const prelude = [
    "import boto3, botocore.config, sys, json",
    "s3 = boto3.client('s3', config=botocore.config.Config(s3={'addressing_style': 'path'}))",
  ].join("\n");
  return runWithAws(aws, "python3", ["-c", `${prelude}\n${body}`]);
}

/**
 * Runs a boto3 script (as {@link runBoto3}) whose last line of output is JSON, and parses it.
 * The prelude also defines `client_error(call, **kwargs)`, which returns the `ClientError` a call
 * raises as `{"code", "message", "status", "exception"}` (code and message from
 * `e.response['Error']`, status from its `ResponseMetadata`, exception the class boto3 raised).
 *
 * @param aws The running local AWS.
 * @param body Python statements; the last thing printed must be one line of JSON.
 * @returns The parsed JSON.
 * @throws {Error} When the script fails, with its standard error.
 */
export async function boto3Json<T = Record<string, unknown>>(aws: LocalAws, body: string): Promise<T> {
  const helpers = [
    "import botocore.exceptions",
    "def client_error(call, **kwargs):",
    "    try:",
    "        call(**kwargs)",
    "    except botocore.exceptions.ClientError as e:",
    "        return {'code': e.response['Error']['Code'], 'message': e.response['Error'].get('Message'),",
    "                'status': e.response['ResponseMetadata']['HTTPStatusCode'], 'exception': type(e).__name__}",
    "    raise AssertionError('expected a ClientError from ' + call.__name__)",
  ].join("\n");
  const out = await runBoto3(aws, `${helpers}\n${body}`);
  if (out.code !== 0) throw new Error(`the boto3 script failed (exit ${out.code}):\n${out.stderr}`);
  const lines = out.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as T;
}
