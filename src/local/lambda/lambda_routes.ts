/**
 * Lambda's REST routes: method and path (segments percent-decoded) to an operation name.
 *
 * @module
 */

/** Every operation local Lambda serves (plus the code download behind `Code.Location`). */
export type LambdaOperation =
  | "CreateFunction"
  | "ListFunctions"
  | "GetFunction"
  | "DeleteFunction"
  | "GetFunctionConfiguration"
  | "UpdateFunctionConfiguration"
  | "UpdateFunctionCode"
  | "Invoke"
  | "DownloadFunctionCode"
  | "TagResource"
  | "UntagResource"
  | "ListTags"
  | "PutFunctionConcurrency"
  | "GetFunctionConcurrency"
  | "DeleteFunctionConcurrency"
  | "PutFunctionEventInvokeConfig"
  | "UpdateFunctionEventInvokeConfig"
  | "GetFunctionEventInvokeConfig"
  | "DeleteFunctionEventInvokeConfig"
  | "ListFunctionEventInvokeConfigs"
  | "GetAccountSettings";

/** A matched route. */
export interface LambdaRoute {
  readonly operation: LambdaOperation;
  /** The `{FunctionName}` or `{Resource}` segment, decoded. */
  readonly target?: string;
  /** A further decoded segment (the code key of a download). */
  readonly detail?: string;
}

type Table = ReadonlyArray<readonly [method: string, pattern: string, operation: LambdaOperation]>;

// `{}` matches one segment; the trailing-slash variants of older SDK models are accepted too.
const ROUTES: Table = [
  ["POST", "2015-03-31/functions", "CreateFunction"],
  ["GET", "2015-03-31/functions", "ListFunctions"],
  ["GET", "2015-03-31/functions/{}", "GetFunction"],
  ["DELETE", "2015-03-31/functions/{}", "DeleteFunction"],
  ["GET", "2015-03-31/functions/{}/configuration", "GetFunctionConfiguration"],
  ["PUT", "2015-03-31/functions/{}/configuration", "UpdateFunctionConfiguration"],
  ["PUT", "2015-03-31/functions/{}/code", "UpdateFunctionCode"],
  ["POST", "2015-03-31/functions/{}/invocations", "Invoke"],
  ["GET", "2015-03-31/functions/{}/code-download/{}", "DownloadFunctionCode"],
  ["POST", "2017-03-31/tags/{}", "TagResource"],
  ["DELETE", "2017-03-31/tags/{}", "UntagResource"],
  ["GET", "2017-03-31/tags/{}", "ListTags"],
  ["PUT", "2017-10-31/functions/{}/concurrency", "PutFunctionConcurrency"],
  ["DELETE", "2017-10-31/functions/{}/concurrency", "DeleteFunctionConcurrency"],
  ["GET", "2019-09-30/functions/{}/concurrency", "GetFunctionConcurrency"],
  ["PUT", "2019-09-25/functions/{}/event-invoke-config", "PutFunctionEventInvokeConfig"],
  ["POST", "2019-09-25/functions/{}/event-invoke-config", "UpdateFunctionEventInvokeConfig"],
  ["GET", "2019-09-25/functions/{}/event-invoke-config", "GetFunctionEventInvokeConfig"],
  ["DELETE", "2019-09-25/functions/{}/event-invoke-config", "DeleteFunctionEventInvokeConfig"],
  ["GET", "2019-09-25/functions/{}/event-invoke-config/list", "ListFunctionEventInvokeConfigs"],
  ["GET", "2016-08-19/account-settings", "GetAccountSettings"],
];

/**
 * Finds the operation for a request. `rawPath` is still percent-encoded; each segment is
 * decoded after splitting, so an encoded ARN stays one segment. Undefined when nothing matches.
 */
export function matchLambdaRoute(method: string, rawPath: string): LambdaRoute | undefined {
  const trimmed = rawPath.replace(/^\/+/, "").replace(/\/$/, "");
  const segments = trimmed.split("/").map(decodeSegment);
  if (segments.some((segment) => segment === undefined)) return undefined;
  for (const [routeMethod, pattern, operation] of ROUTES) {
    if (routeMethod !== method) continue;
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const captured: string[] = [];
    const matches = parts.every((part, i) => {
      if (part === "{}") {
        captured.push(segments[i] as string);
        return segments[i] !== "";
      }
      return part === segments[i];
    });
    if (matches) return { operation, target: captured[0], detail: captured[1] };
  }
  return undefined;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
