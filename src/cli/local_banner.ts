/**
 * What `covalent-awslambda local` prints once local AWS listens: where it is, the keys it
 * accepts, and ready-to-paste Covalent, shell and AWS CLI snippets.
 *
 * @module
 */

/** The facts the banner reports. */
export interface LocalBannerFacts {
  /** Endpoint URL, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  /** The region it reports. */
  readonly region: string;
  /** The keys it accepts. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Where its data lives. */
  readonly dataDir: string;
  /** Whether the data directory stays after exit (`--data-dir`) or is temporary. */
  readonly keepsData: boolean;
  /** The bucket created for the executor. */
  readonly bucket: string;
  /** The execution role that exists for the executor. */
  readonly roleName: string;
  /**
   * One line per Node.js runtime: the binary it runs on, or plainly that none of its major was
   * found and what runs it instead.
   */
  readonly nodeRuntimes?: readonly string[];
  /** How code directories are kept read-only (`describeReadOnlyCode()`), when known. */
  readonly codeDirs?: string;
}

/**
 * Renders the start-up banner.
 *
 * @example
 * ```ts
 * console.log(localBanner({
 *   endpoint: "http://127.0.0.1:4566",
 *   region: "us-east-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" },
 *   dataDir: "/tmp/local-aws",
 *   keepsData: false,
 *   bucket: "covalent-lambda-job-resources",
 *   roleName: "CovalentLambdaExecutionRole",
 * }));
 * ```
 *
 * @param facts What to report.
 * @returns The text, several lines.
 */
export function localBanner(facts: LocalBannerFacts): string {
  const { endpoint, region, credentials } = facts;
  return [
    `Local AWS (S3, Lambda, IAM, STS) is listening on ${endpoint}`,
    "",
    `  endpoint       ${endpoint}`,
    `  region         ${region}`,
    `  access key     ${credentials.accessKeyId}`,
    `  secret key     ${credentials.secretAccessKey}`,
    `  data           ${facts.dataDir} (${
      facts.keepsData ? "kept after exit" : "temporary, removed on exit"
    })`,
    `  bucket         ${facts.bucket}`,
    `  role           ${facts.roleName}`,
    ...(facts.nodeRuntimes ?? []).map((line) => `  ${line}`),
    ...(facts.codeDirs === undefined ? [] : [`  ${facts.codeDirs}`]),
    "",
    "Covalent configuration (~/.config/covalent/covalent.conf):",
    "",
    "  [executors.awslambda]",
    `  endpoint = ${tomlString(endpoint)}`,
    `  region = ${tomlString(region)}`,
    `  s3_bucket_name = ${tomlString(facts.bucket)}`,
    `  lambda_role_name = ${tomlString(facts.roleName)}`,
    "",
    "Credentials, for the executor and the AWS CLI:",
    "",
    `  export AWS_ACCESS_KEY_ID=${shellWord(credentials.accessKeyId)}`,
    `  export AWS_SECRET_ACCESS_KEY=${shellWord(credentials.secretAccessKey)}`,
    `  export AWS_REGION=${shellWord(region)}`,
    "",
    "Try it:",
    "",
    `  aws --endpoint-url ${shellWord(endpoint)} sts get-caller-identity`,
    `  aws --endpoint-url ${shellWord(endpoint)} s3 ls`,
    "",
    "Press Ctrl+C to stop.",
  ].join("\n");
}

/** A TOML basic string; JSON's escapes are all valid TOML escapes. */
function tomlString(text: string): string {
  return JSON.stringify(text);
}

/** Quotes a word for POSIX shells only when it needs it. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
