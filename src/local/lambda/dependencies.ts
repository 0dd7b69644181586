/**
 * What the Lambda service needs from the other local services: roles from IAM and
 * deployment packages from S3.
 *
 * @module
 */

/** Looks up IAM roles (Lambda refuses to create a function whose role does not exist). */
export interface RoleDirectory {
  /** Whether a role with this ARN exists (`arn:aws:iam::<account>:role[/path/]<name>`). */
  hasRole(roleArn: string): boolean;
  /**
   * Whether Lambda can assume the role now: it exists, has propagated (see
   * `rolePropagationMs`), and its trust policy lets `lambda.amazonaws.com` call
   * `sts:AssumeRole`. Directories that do not know trust policies may leave it out; `hasRole`
   * is then what counts.
   */
  lambdaCanAssume?(roleArn: string): boolean;
}

/** Why a deployment package could not be read from S3. */
export type CodeSourceFailure = "NoSuchBucket" | "NoSuchKey";

/** Reads deployment packages named by `Code.S3Bucket`/`Code.S3Key`. */
export interface CodeSource {
  /** The whole object, or why it could not be read. */
  readObject(bucket: string, key: string): Promise<Uint8Array | CodeSourceFailure>;
}
