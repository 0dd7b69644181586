/**
 * What local S3 remembers about buckets, objects and multipart uploads (kept in memory and
 * mirrored to JSON files beside the data).
 *
 * @module
 */
import type { ChecksumAlgorithm, ChecksumType, ObjectChecksum } from "./checksums.ts";
import type { LifecycleConfiguration } from "./lifecycle_rule.ts";

/** A bucket. */
export interface BucketRecord {
  /** The bucket name. */
  readonly name: string;
  /** The region it was created in. */
  readonly region: string;
  /** Creation time, epoch milliseconds. */
  readonly createdAt: number;
  /**
   * The account that owns it. Absent in buckets written before local AWS had more than one
   * account: those belong to the primary account.
   */
  readonly owner?: string;
  /** Its lifecycle configuration (PutBucketLifecycleConfiguration), when it has one. */
  readonly lifecycle?: LifecycleConfiguration;
}

/** The standard HTTP headers S3 stores with an object and returns on GET/HEAD. */
export interface ObjectHeaders {
  /** `Content-Type`. */
  readonly contentType?: string;
  /** `Content-Encoding`, without `aws-chunked`. */
  readonly contentEncoding?: string;
  /** `Content-Disposition`. */
  readonly contentDisposition?: string;
  /** `Content-Language`. */
  readonly contentLanguage?: string;
  /** `Cache-Control`. */
  readonly cacheControl?: string;
  /** `Expires`, as sent. */
  readonly expires?: string;
}

/** An object's description; its bytes live in `dataFile`. */
export interface StoredObject {
  /** The key, exactly as the client named it. */
  readonly key: string;
  /** Size in bytes. */
  readonly size: number;
  /** The entity tag without quotes: md5 hex, or `<hex>-<parts>` for multipart objects. */
  readonly etag: string;
  /** Last write, epoch milliseconds rounded down to the second (HTTP dates carry seconds). */
  readonly lastModified: number;
  /** Standard headers. */
  readonly headers: ObjectHeaders;
  /** User metadata (`x-amz-meta-*`) by lower-case name without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  /**
   * The object's checksum: the one the client sent with a single-part upload, or the one a
   * multipart upload got (for `COMPOSITE`, the bare base64 value, without `-<parts>`).
   */
  readonly checksum?: ObjectChecksum;
  /** How `checksum` covers the object; absent means `FULL_OBJECT`. */
  readonly checksumType?: ChecksumType;
  /** Part sizes, in order, for an object assembled by a multipart upload. */
  readonly partSizes?: readonly number[];
  /** The parts' checksums (base64, in part order) of an object with a `COMPOSITE` checksum. */
  readonly partChecksums?: readonly string[];
  /** File name of the bytes inside the bucket's object directory. */
  readonly dataFile: string;
}

/** A multipart upload in progress. */
export interface UploadRecord {
  /** The id handed to the client. */
  readonly uploadId: string;
  /** Target bucket. */
  readonly bucket: string;
  /** Target key. */
  readonly key: string;
  /** Start time, epoch milliseconds. */
  readonly initiated: number;
  /** Headers the final object gets. */
  readonly headers: ObjectHeaders;
  /** Metadata the final object gets. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The algorithm announced at creation (`x-amz-checksum-algorithm`). */
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  /**
   * The checksum type chosen at creation (`x-amz-checksum-type`, or the algorithm's default).
   * Absent without an algorithm, and in uploads started before local S3 kept it: those take the
   * algorithm's default.
   */
  readonly checksumType?: ChecksumType;
  /**
   * Who started it, as ListParts/ListMultipartUploads name them in `Initiator`: the account id for
   * an account's root, the principal's ARN otherwise. Absent in uploads started before local S3
   * kept it: those name the bucket's owner.
   */
  readonly initiator?: string;
  /** The account that will own the object (`Owner`); absent as `initiator` is. */
  readonly owner?: string;
}

/** One uploaded part. */
export interface PartRecord {
  /** 1–10000. */
  readonly partNumber: number;
  /** Size in bytes. */
  readonly size: number;
  /** md5 hex of the part (its ETag without quotes). */
  readonly etag: string;
  /** Upload time, epoch milliseconds. */
  readonly lastModified: number;
  /** The part's checksum: the one the client sent, or the upload's algorithm computed here. */
  readonly checksum?: ObjectChecksum;
}
