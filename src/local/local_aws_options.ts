/**
 * The options and handle of a running local AWS.
 *
 * @module
 */

/**
 * How to start local AWS. Every field is optional.
 *
 * @example A fixed port and a kept data directory
 * ```ts
 * import { startLocalAws } from "@covalent/awslambda/local";
 * await using aws = await startLocalAws({ port: 4566, dataDir: "./.local-aws", concurrency: 4 });
 * ```
 */
export interface LocalAwsOptions {
  /**
   * Port to listen on; 0 picks a free one.
   * @default {0}
   */
  port?: number;
  /**
   * Host to listen on. Nothing listens beyond it.
   * @default {"127.0.0.1"}
   */
  host?: string;
  /** Directory for objects and function code. Omitted: a temporary directory removed on close. */
  dataDir?: string;
  /**
   * Region reported for anonymous requests and used in ARNs.
   * @default {"us-east-1"}
   */
  region?: string;
  /**
   * The only keys accepted; requests signed with anything else are refused as AWS refuses them.
   * @default {{ accessKeyId: "test", secretAccessKey: "test" }}
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /**
   * How long a new function process may take to ask for its first event before the
   * invocation fails with `Runtime.Unknown` (milliseconds).
   * @default {10000}
   */
  functionStartTimeoutMs?: number;
  /**
   * How long a new function stays `Pending` before it is `Active` (milliseconds).
   * @default {300}
   */
  pendingMs?: number;
  /**
   * How long after CreateRole Lambda still refuses the role (milliseconds): CreateFunction and
   * UpdateFunctionConfiguration naming it fail with InvalidParameterValueException "The role
   * defined for the function cannot be assumed by Lambda.", as on AWS for about 10 s after
   * CreateRole. Roles seeded with `ensureRole` count as long propagated.
   * @default {0}
   */
  rolePropagationMs?: number;
  /**
   * Account-wide concurrent executions; invocations beyond it get 429 TooManyRequestsException.
   * @default {10}
   */
  concurrency?: number;
  /**
   * How long an idle function process is kept warm before it is ended (milliseconds).
   * @default {60000}
   */
  idleMs?: number;
  /**
   * Node.js binaries by major version (`{ "22": "/opt/node22/bin/node" }`): a `nodejs22.x`
   * function runs on Node 22, as on AWS. Majors not named here are looked for in the
   * environment variable `COVALENT_LOCAL_NODE_<major>`, then in the cache that
   * `deno run -A scripts/install_node.ts <major>` fills (`~/.cache/covalent/node-<major>`), then
   * as `node` on PATH. With none of the right major, the PATH `node` runs the function and the
   * first lines of its first log say so.
   * @default {{}}
   */
  nodeBinaries?: Readonly<Record<string, string>>;
}

/**
 * A running local AWS.
 *
 * @example Point an SDK client at it
 * ```ts
 * import { S3Client } from "@aws-sdk/client-s3";
 * import { startLocalAws } from "@covalent/awslambda/local";
 * await using aws = await startLocalAws();
 * const s3 = new S3Client({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials, forcePathStyle: true });
 * ```
 */
export interface LocalAws {
  /** Endpoint URL for every SDK client, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  /** The region it reports. */
  readonly region: string;
  /** The keys it accepts. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Where objects and function code live. */
  readonly dataDir: string;
  /** Stops listening, ends every function process and removes a temporary data directory. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}
