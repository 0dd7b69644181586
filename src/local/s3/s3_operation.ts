/**
 * Which S3 operation a path-style request asks for, named as S3's API names it: by method, by
 * whether the path names the service, a bucket or an object, and by the query's sub-resource
 * flags (`?uploads`, `?delete`, `?list-type=2`, …). `x-id` is ignored, as S3 ignores it. The
 * router dispatches on it and local AWS counts requests by it.
 *
 * @module
 */
import type { LocalRequest } from "../http/exchange.ts";

/** Every S3 operation local S3 tells apart (`NotImplemented` and `Unknown` are answered as errors). */
export type S3Operation =
  | "ListBuckets"
  | "CreateBucket"
  | "HeadBucket"
  | "DeleteBucket"
  | "GetBucketLocation"
  | "GetBucketVersioning"
  | "PutBucketLifecycleConfiguration"
  | "GetBucketLifecycleConfiguration"
  | "DeleteBucketLifecycle"
  | "ListObjects"
  | "ListObjectsV2"
  | "ListMultipartUploads"
  | "DeleteObjects"
  | "PutObject"
  | "CopyObject"
  | "GetObject"
  | "HeadObject"
  | "DeleteObject"
  | "CreateMultipartUpload"
  | "UploadPart"
  | "UploadPartCopy"
  | "ListParts"
  | "CompleteMultipartUpload"
  | "AbortMultipartUpload"
  | "OptionsObject"
  /** A sub-resource local S3 does not implement (answered 501). */
  | "NotImplemented"
  /** A method the addressed resource does not take (answered 405). */
  | "Unknown";

/** Bucket sub-resources local S3 does not implement (answered 501, not mistaken for a listing). */
const UNSUPPORTED_BUCKET_FLAGS = [
  "accelerate",
  "acl",
  "analytics",
  "cors",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "logging",
  "metrics",
  "notification",
  "object-lock",
  "ownershipControls",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "replication",
  "requestPayment",
  "tagging",
  "versions",
  "website",
];

/** Object sub-resources local S3 does not implement. */
const UNSUPPORTED_OBJECT_FLAGS = [
  "acl",
  "attributes",
  "legal-hold",
  "restore",
  "retention",
  "select",
  "tagging",
  "torrent",
];

/**
 * Names the operation of a request from its method, path shape, query and copy-source header;
 * never reads the body, so presigned and signed requests are named alike.
 *
 * @param request The request as it arrived.
 * @returns The operation.
 *
 * @example
 * ```ts
 * s3Operation(makeLocalRequest({ method: "POST", url: "/b/k?uploads" })); // "CreateMultipartUpload"
 * ```
 */
export function s3Operation(request: LocalRequest): S3Operation {
  const path = request.rawPath.replace(/^\//, "");
  if (path === "") return request.method === "GET" ? "ListBuckets" : "Unknown";
  const slash = path.indexOf("/");
  return slash < 0 || slash === path.length - 1 ? bucketOperation(request) : objectOperation(request);
}

function bucketOperation({ method, query }: LocalRequest): S3Operation {
  if (query.has("lifecycle")) return lifecycleOperation(method);
  if (UNSUPPORTED_BUCKET_FLAGS.some((flag) => query.has(flag))) return "NotImplemented";
  switch (method) {
    case "PUT":
      return "CreateBucket";
    case "HEAD":
      return "HeadBucket";
    case "DELETE":
      return "DeleteBucket";
    case "POST":
      return query.has("delete") ? "DeleteObjects" : "Unknown";
    case "GET":
      if (query.has("location")) return "GetBucketLocation";
      if (query.has("uploads")) return "ListMultipartUploads";
      if (query.has("versioning")) return "GetBucketVersioning";
      return query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
  }
  return "Unknown";
}

function lifecycleOperation(method: string): S3Operation {
  switch (method) {
    case "PUT":
      return "PutBucketLifecycleConfiguration";
    case "GET":
      return "GetBucketLifecycleConfiguration";
    case "DELETE":
      return "DeleteBucketLifecycle";
  }
  return "Unknown";
}

function objectOperation({ method, query, headers }: LocalRequest): S3Operation {
  if (UNSUPPORTED_OBJECT_FLAGS.some((flag) => query.has(flag))) return "NotImplemented";
  const copySource = headers["x-amz-copy-source"] !== undefined;
  switch (method) {
    case "PUT":
      if (query.has("uploadId")) return copySource ? "UploadPartCopy" : "UploadPart";
      return copySource ? "CopyObject" : "PutObject";
    case "GET":
      return query.has("uploadId") ? "ListParts" : "GetObject";
    case "HEAD":
      return "HeadObject";
    case "DELETE":
      return query.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
    case "POST":
      if (query.has("uploads")) return "CreateMultipartUpload";
      return query.has("uploadId") ? "CompleteMultipartUpload" : "Unknown";
    case "OPTIONS":
      return "OptionsObject";
  }
  return "Unknown";
}
