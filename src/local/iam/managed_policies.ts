/**
 * The AWS-managed policies local IAM knows, so `AttachRolePolicy` accepts the ones Lambda
 * roles usually get and refuses the rest as AWS refuses a missing policy.
 *
 * @module
 */

/** An AWS-managed policy. */
export interface ManagedPolicy {
  /** Its ARN, e.g. `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`. */
  readonly arn: string;
  /** Its name, the last segment of the ARN. */
  readonly name: string;
  /** Its path, e.g. `/service-role/`. */
  readonly path: string;
}

const KNOWN: ReadonlyArray<readonly [path: string, name: string]> = [
  ["/service-role/", "AWSLambdaBasicExecutionRole"],
  ["/", "AWSLambdaExecute"],
  ["/service-role/", "AWSLambdaRole"],
  ["/service-role/", "AWSLambdaVPCAccessExecutionRole"],
  ["/service-role/", "AWSLambdaSQSQueueExecutionRole"],
  ["/service-role/", "AWSLambdaDynamoDBExecutionRole"],
  ["/service-role/", "AWSLambdaKinesisExecutionRole"],
  ["/", "AWSLambda_FullAccess"],
  ["/", "AWSLambda_ReadOnlyAccess"],
  ["/", "AWSXRayDaemonWriteAccess"],
  ["/", "AmazonS3FullAccess"],
  ["/", "AmazonS3ReadOnlyAccess"],
  ["/", "CloudWatchLogsFullAccess"],
  ["/", "AdministratorAccess"],
];

/** The known AWS-managed policies by ARN. */
export const MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  KNOWN.map(([path, name]) => {
    const arn = `arn:aws:iam::aws:policy${path}${name}`;
    return [arn, { arn, name, path }];
  }),
);

/** The policy attached to the roles local IAM creates for Lambda (as the seed README asks). */
export const LAMBDA_EXECUTE_POLICY_ARN = "arn:aws:iam::aws:policy/AWSLambdaExecute";
