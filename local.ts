/**
 * Local AWS: an S3 + Lambda + IAM + STS server that the unmodified AWS SDK works against,
 * running Lambda deployment zips as local processes through the Lambda Runtime API.
 *
 * It is the executor's embedded default (`endpoint: "local"`), its test bed and its
 * benchmark bed. Start one, point any SDK client at `endpoint` with `forcePathStyle: true`
 * and the printed credentials, and close it when done.
 *
 * @example Point the AWS SDK at local AWS
 * ```ts
 * import { startLocalAws } from "@covalent/awslambda/local";
 * import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
 *
 * await using aws = await startLocalAws();
 * const s3 = new S3Client({
 *   endpoint: aws.endpoint,
 *   region: aws.region,
 *   credentials: aws.credentials,
 *   forcePathStyle: true,
 * });
 * console.log(await s3.send(new ListBucketsCommand({})));
 * ```
 *
 * @module
 */
export {
  type AddAccountOptions,
  type AddedAccount,
  type EnsureBucketOptions,
  type IssueSessionOptions,
  type LocalAwsServer,
  type RequestCounts,
  type SessionCredentials,
  startLocalAws,
} from "./src/local/server.ts";
export type { LocalAws, LocalAwsOptions } from "./src/local/local_aws_options.ts";
export type {
  FaultEffect,
  FaultInjector,
  FaultMatch,
  FaultOutcome,
  FaultRule,
  InjectedFault,
} from "./src/local/faults/fault_injector.ts";
export type { ServiceName } from "./src/local/auth/authenticate.ts";
export type { LocalRequest, LocalResponse } from "./src/local/http/exchange.ts";
