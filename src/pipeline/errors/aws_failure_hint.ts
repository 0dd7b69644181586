/**
 * What to do about a failed AWS call, in one sentence, by its reason: a wrong secret is not
 * a permissions problem, and a vanished endpoint is not a timeout.
 *
 * @module
 */
import type { AwsError } from "../../aws/aws_error.ts";
import { RANGE_NOT_HONOURED } from "../../aws/s3_api.ts";

/**
 * The cause and the one thing to do, for a message.
 *
 * @param error The failed call.
 * @param permission The IAM action the call needs (`s3:PutObject`), named when access is denied.
 * @returns A sentence.
 */
export function awsFailureHint(error: AwsError, permission: string): string {
  const reason = error.reason;
  switch (reason._tag) {
    case "AccessDenied":
      return `Your credentials lack ${permission} (or the resource belongs to another account): grant it; ` +
        `the README's IAM section lists the minimal policy.`;
    case "InvalidCredentials":
      return "AWS does not accept the credentials: check the access key id, secret access key and session token.";
    case "ExpiredCredentials":
      return "The credentials have expired (or the machine's clock is off): refresh them and run again.";
    case "Throttled":
      return "AWS is throttling these requests: run fewer at once, or retry shortly.";
    case "Transport":
      return reason.kind === "timeout"
        ? "AWS did not answer in time: check the network and the endpoint."
        : reason.kind === "reset"
        // The endpoint was reached; the answer was cut off (a flaky network, proxy or load balancer).
        ? "The connection to AWS broke during the answer: check the network and any proxy in between, and run again."
        : "AWS could not be reached: check the network, proxy and the `endpoint` setting.";
    case "ServiceFailure":
      return "AWS failed internally: retry shortly.";
    case "WrongRegion":
      return `Set \`region\` to the bucket's region${
        reason.bucketRegion ? ` (${reason.bucketRegion})` : ""
      }, or use a bucket in the configured region.`;
    case "InvalidParameter":
    case "TooLarge":
      return `AWS refused the request: ${error.awsMessage || error.code}.`;
    default:
      if (error.code === RANGE_NOT_HONOURED) {
        return "Something between here and S3 (a proxy, or an endpoint that is not S3) drops the Range " +
          "header: reach S3 directly, or through a proxy that passes Range on.";
      }
      return `AWS answered ${error.code}${error.awsMessage ? `: ${error.awsMessage}` : ""}.`;
  }
}
