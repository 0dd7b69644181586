/**
 * The S3 errors local S3 answers with: one typed failure carrying AWS's status, code, message
 * and extra elements, plus a constructor per code so the wording lives in one place.
 *
 * Route code throws an `S3Fault`; the service turns it into S3's XML error document.
 *
 * @module
 */

/** An expected S3 failure, rendered as `<Error><Code>…</Code>…</Error>`. */
export class S3Fault extends Error {
  /** HTTP status. */
  readonly status: number;
  /** S3 error code (`NoSuchKey`, `BadDigest`, …). */
  readonly code: string;
  /** Extra elements AWS adds for this code (`Key`, `BucketName`, …). */
  readonly extra: Readonly<Record<string, string | number>>;
  /** Extra response headers (`x-amz-bucket-region` on a redirect). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: string,
    message: string,
    extra: Readonly<Record<string, string | number>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "S3Fault";
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }
}

/** The smallest part S3 accepts, except for the last part of an upload. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

/** Constructors for every S3 error local S3 produces, with AWS's wording. */
export const faults = {
  accessDenied: (): S3Fault => new S3Fault(403, "AccessDenied", "Access Denied"),
  noSuchBucket: (bucket: string): S3Fault =>
    new S3Fault(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket }),
  noSuchKey: (key: string): S3Fault =>
    new S3Fault(404, "NoSuchKey", "The specified key does not exist.", { Key: key }),
  noSuchUpload: (uploadId: string): S3Fault =>
    new S3Fault(
      404,
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
      { UploadId: uploadId },
    ),
  bucketAlreadyOwnedByYou: (bucket: string): S3Fault =>
    new S3Fault(
      409,
      "BucketAlreadyOwnedByYou",
      "Your previous request to create the named bucket succeeded and you already own it.",
      { BucketName: bucket },
    ),
  /** S: the CreateBucket error reference (DOC ErrorResponses), wording as the brief quotes it. */
  bucketAlreadyExists: (bucket: string): S3Fault =>
    new S3Fault(
      409,
      "BucketAlreadyExists",
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
      { BucketName: bucket },
    ),
  /**
   * What S3's global endpoint answers for a bucket of another region: 301 with the bucket's
   * region in a header and an `<Endpoint>` to use (S: real traces in yanganto/s3rs#18,
   * bgahagan/git-remote-s3#15; U: the exact Endpoint form for path-style requests).
   */
  permanentRedirect: (bucket: string, region: string): S3Fault =>
    new S3Fault(
      301,
      "PermanentRedirect",
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      { Endpoint: `${bucket}.s3.${region}.amazonaws.com`, Bucket: bucket },
      { "x-amz-bucket-region": region },
    ),
  bucketNotEmpty: (bucket: string): S3Fault =>
    new S3Fault(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", { BucketName: bucket }),
  illegalLocationConstraint: (constraint: string | undefined): S3Fault =>
    new S3Fault(
      400,
      "IllegalLocationConstraintException",
      `The ${
        constraint ?? "unspecified"
      } location constraint is incompatible for the region specific endpoint this request was sent to.`,
    ),
  invalidLocationConstraint: (constraint: string): S3Fault =>
    new S3Fault(400, "InvalidLocationConstraint", "The specified location-constraint is not valid", {
      LocationConstraint: constraint,
    }),
  invalidBucketName: (bucket: string): S3Fault =>
    new S3Fault(400, "InvalidBucketName", "The specified bucket is not valid.", { BucketName: bucket }),
  invalidRange: (range: string, size: number): S3Fault =>
    new S3Fault(416, "InvalidRange", "The requested range is not satisfiable", {
      RangeRequested: range,
      ActualObjectSize: size,
    }),
  preconditionFailed: (condition: string): S3Fault =>
    new S3Fault(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
      Condition: condition,
    }),
  invalidPart: (uploadId: string, partNumber: number, etag: string): S3Fault =>
    new S3Fault(
      400,
      "InvalidPart",
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      { UploadId: uploadId, PartNumber: partNumber, ETag: etag },
    ),
  invalidPartOrder: (uploadId: string): S3Fault =>
    new S3Fault(
      400,
      "InvalidPartOrder",
      "The list of parts was not in ascending order. Parts must be ordered by part number.",
      { UploadId: uploadId },
    ),
  entityTooSmall: (size: number, partNumber: number, etag: string): S3Fault =>
    new S3Fault(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", {
      ProposedSize: size,
      MinSizeAllowed: MIN_PART_SIZE,
      PartNumber: partNumber,
      ETag: etag,
    }),
  entityTooLarge: (size: number, max: number): S3Fault =>
    new S3Fault(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
      ProposedSize: size,
      MaxSizeAllowed: max,
    }),
  malformedXml: (): S3Fault =>
    new S3Fault(
      400,
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
    ),
  badDigest: (algorithm: string): S3Fault =>
    new S3Fault(400, "BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`),
  badContentMd5: (): S3Fault =>
    new S3Fault(400, "BadDigest", "The Content-MD5 you specified did not match what we received."),
  invalidDigest: (): S3Fault =>
    new S3Fault(400, "InvalidDigest", "The Content-MD5 you specified was invalid."),
  invalidRequest: (message: string): S3Fault => new S3Fault(400, "InvalidRequest", message),
  invalidArgument: (message: string, name: string, value: string): S3Fault =>
    new S3Fault(400, "InvalidArgument", message, { ArgumentName: name, ArgumentValue: value }),
  incompleteBody: (): S3Fault =>
    new S3Fault(
      400,
      "IncompleteBody",
      "You did not provide the number of bytes specified by the Content-Length HTTP header",
    ),
  invalidUri: (): S3Fault => new S3Fault(400, "InvalidURI", "Couldn't parse the specified URI."),
  methodNotAllowed: (method: string): S3Fault =>
    new S3Fault(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", {
      Method: method,
      ResourceType: "OBJECT",
    }),
  notImplemented: (): S3Fault =>
    new S3Fault(
      501,
      "NotImplemented",
      "A header you provided implies functionality that is not implemented",
    ),
} as const;
