/**
 * Answering an S3 request: the operation `s3Operation` names, after the bucket access check,
 * by the handler of that operation.
 *
 * @module
 */
import type { LocalResponse } from "../http/exchange.ts";
import type { ServiceRequest } from "../service.ts";
import { deleteBucketLifecycle, getBucketLifecycle, putBucketLifecycle } from "./bucket_lifecycle.ts";
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from "./bucket_routes.ts";
import { completeMultipartUpload } from "./complete_multipart.ts";
import { copyObject } from "./copy_object.ts";
import { deleteObject, deleteObjects } from "./delete_objects.ts";
import { getObject, headObject } from "./get_object.ts";
import { listObjectsV1, listObjectsV2 } from "./list_objects.ts";
import { listMultipartUploads } from "./list_multipart_uploads.ts";
import { listParts } from "./multipart_listing.ts";
import { checkBucketAccess } from "./bucket_access.ts";
import { abortMultipartUpload, createMultipartUpload, uploadPart } from "./multipart_upload.ts";
import { putObject } from "./put_object.ts";
import type { S3Context } from "./s3_context.ts";
import { faults } from "./s3_fault.ts";
import { type S3Operation, s3Operation } from "./s3_operation.ts";
import { parseTarget } from "./s3_target.ts";
import { emptyResponse, xmlResponse } from "./s3_xml.ts";

type Answer = Promise<LocalResponse> | LocalResponse;
type Handler = (context: S3Context, request: ServiceRequest, bucket: string, key: string) => Answer;

/** The handler of every operation that addresses a bucket or an object. */
const HANDLERS: Readonly<Record<Exclude<S3Operation, "ListBuckets">, Handler>> = {
  CreateBucket: (context, request, bucket) => createBucket(context, request, bucket),
  HeadBucket: (context, request, bucket) => headBucket(context, request, bucket),
  DeleteBucket: (context, request, bucket) => deleteBucket(context, request, bucket),
  GetBucketLocation: (context, request, bucket) => getBucketLocation(context, request, bucket),
  GetBucketVersioning: (context, request, bucket) => {
    // Buckets here are never versioned: the empty configuration is S3's answer for that.
    if (!context.store.bucket(bucket)) throw faults.noSuchBucket(bucket);
    return xmlResponse(request.requestId, "VersioningConfiguration", "");
  },
  PutBucketLifecycleConfiguration: (context, request, bucket) => putBucketLifecycle(context, request, bucket),
  GetBucketLifecycleConfiguration: (context, request, bucket) => getBucketLifecycle(context, request, bucket),
  DeleteBucketLifecycle: (context, request, bucket) => deleteBucketLifecycle(context, request, bucket),
  ListObjects: (context, request, bucket) => listObjectsV1(context, request, bucket),
  ListObjectsV2: (context, request, bucket) => listObjectsV2(context, request, bucket),
  ListMultipartUploads: (context, request, bucket) => listMultipartUploads(context, request, bucket),
  DeleteObjects: (context, request, bucket) => deleteObjects(context, request, bucket),
  PutObject: putObject,
  CopyObject: copyObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: () => {
    throw faults.notImplemented();
  },
  ListParts: listParts,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  OptionsObject: (_context, request) => emptyResponse(request.requestId, 200),
  NotImplemented: () => {
    throw faults.notImplemented();
  },
  Unknown: (_context, request) => {
    throw faults.methodNotAllowed(request.method);
  },
};

/**
 * Answers one authenticated S3 request.
 *
 * @param context The S3 state.
 * @param request The request.
 * @returns The response.
 * @throws {S3Fault} For every expected failure.
 */
export function routeS3(context: S3Context, request: ServiceRequest): Answer {
  const { bucket, key } = parseTarget(request.rawPath);
  const operation = s3Operation(request);
  if (bucket === undefined) {
    if (operation === "ListBuckets") return listBuckets(context, request);
    throw faults.methodNotAllowed(request.method);
  }
  // CreateBucket answers for an existing name itself, and GetBucketLocation is how a client
  // finds a bucket's region, so it answers from any region.
  const creates = operation === "CreateBucket";
  const locates = key === undefined && request.method === "GET" && request.query.has("location");
  if (!creates && !locates) checkBucketAccess(context, request, bucket);
  if (operation === "ListBuckets") throw faults.methodNotAllowed(request.method);
  return HANDLERS[operation](context, request, bucket, key ?? "");
}
