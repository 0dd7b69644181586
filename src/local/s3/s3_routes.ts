/**
 * Which S3 operation a path-style request is: by method, by whether the path names the
 * service, a bucket or an object, and by the query's sub-resource flags (`?uploads`,
 * `?delete`, `?list-type=2`, …). `x-id` is ignored, as S3 ignores it.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from "./bucket_routes.ts";
import { completeMultipartUpload } from "./complete_multipart.ts";
import { copyObject } from "./copy_object.ts";
import { deleteObject, deleteObjects } from "./delete_objects.ts";
import { getObject, headObject } from "./get_object.ts";
import { listObjectsV1, listObjectsV2 } from "./list_objects.ts";
import { listMultipartUploads, listParts } from "./multipart_listing.ts";
import { checkBucketAccess } from "./bucket_access.ts";
import { abortMultipartUpload, createMultipartUpload, uploadPart } from "./multipart_upload.ts";
import { putObject } from "./put_object.ts";
import type { S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { parseTarget } from "./s3_target.ts";
import { emptyResponse, xmlResponse } from "./s3_xml.ts";

/** Bucket sub-resources local S3 does not implement (answered 501, not mistaken for a listing). */
const UNSUPPORTED_BUCKET_FLAGS = [
  "accelerate",
  "acl",
  "analytics",
  "cors",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "lifecycle",
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
 * Answers one authenticated S3 request.
 *
 * @param context The S3 state.
 * @param request The request.
 * @returns The response.
 * @throws {S3Fault} For every expected failure.
 */
export function routeS3(context: S3Context, request: ServiceRequest): Promise<LocalResponse> | LocalResponse {
  const { bucket, key } = parseTarget(request.rawPath);
  if (bucket === undefined) {
    if (request.method === "GET") return listBuckets(context, request);
    throw faults.methodNotAllowed(request.method);
  }
  // CreateBucket answers for an existing name itself, and GetBucketLocation is how a client
  // finds a bucket's region, so it answers from any region.
  const creates = key === undefined && request.method === "PUT";
  const locates = key === undefined && request.method === "GET" && request.query.has("location");
  if (!creates && !locates) checkBucketAccess(context, request, bucket);
  return key === undefined
    ? routeBucket(context, request, bucket)
    : routeObject(context, request, bucket, key);
}

function routeBucket(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
): Promise<LocalResponse> | LocalResponse {
  const query = request.query;
  if (UNSUPPORTED_BUCKET_FLAGS.some((flag) => query.has(flag))) throw faults.notImplemented();
  switch (request.method) {
    case "PUT":
      return createBucket(context, request, bucket);
    case "HEAD":
      return headBucket(context, request, bucket);
    case "DELETE":
      return deleteBucket(context, request, bucket);
    case "POST":
      if (query.has("delete")) return deleteObjects(context, request, bucket);
      break;
    case "GET":
      if (query.has("location")) return getBucketLocation(context, request, bucket);
      if (query.has("uploads")) return listMultipartUploads(context, request, bucket);
      if (query.has("versioning")) {
        // Buckets here are never versioned: the empty configuration is S3's answer for that.
        if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
        return xmlResponse(request.requestId, "VersioningConfiguration", "");
      }
      return query.get("list-type") === "2"
        ? listObjectsV2(context, request, bucket)
        : listObjectsV1(context, request, bucket);
  }
  throw faults.methodNotAllowed(request.method);
}

function routeObject(
  context: S3Context,
  request: ServiceRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> | LocalResponse {
  const query = request.query;
  if (UNSUPPORTED_OBJECT_FLAGS.some((flag) => query.has(flag))) throw faults.notImplemented();
  const copySource = request.headers["x-amz-copy-source"] !== undefined;
  switch (request.method) {
    case "PUT":
      if (query.has("uploadId")) {
        if (copySource) throw faults.notImplemented();
        return uploadPart(context, request, bucket, key);
      }
      return copySource
        ? copyObject(context, request, bucket, key)
        : putObject(context, request, bucket, key);
    case "GET":
      return query.has("uploadId")
        ? listParts(context, request, bucket, key)
        : getObject(context, request, bucket, key);
    case "HEAD":
      return headObject(context, request, bucket, key);
    case "DELETE":
      return query.has("uploadId")
        ? abortMultipartUpload(context, request, bucket, key)
        : deleteObject(context, request, bucket, key);
    case "POST":
      if (query.has("uploads")) return createMultipartUpload(context, request, bucket, key);
      if (query.has("uploadId")) return completeMultipartUpload(context, request, bucket, key);
      break;
    case "OPTIONS":
      return emptyResponse(request.requestId, 200);
  }
  throw faults.methodNotAllowed(request.method);
}
