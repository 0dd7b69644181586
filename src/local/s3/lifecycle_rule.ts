/**
 * What local S3 keeps of a bucket's lifecycle configuration (PutBucketLifecycleConfiguration):
 * the rules as S3's API models them (S: docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html),
 * already validated, so GetBucketLifecycleConfiguration can render them back.
 *
 * @module
 */

/** One `Tag` of a rule filter. */
export interface LifecycleTag {
  /** Tag key. */
  readonly key: string;
  /** Tag value (may be empty). */
  readonly value: string;
}

/** The conditions a filter names: one of them directly, or several under `And`. */
export interface LifecycleConditions {
  /** Key prefix. */
  readonly prefix?: string;
  /** Tags every matching object must carry. */
  readonly tags: readonly LifecycleTag[];
  /** Minimum size in bytes (exclusive). */
  readonly objectSizeGreaterThan?: number;
  /** Maximum size in bytes (exclusive). */
  readonly objectSizeLessThan?: number;
}

/** A rule's `Filter`: empty (every object), one condition, or an `And` of several. */
export interface LifecycleFilter {
  /** Whether the conditions were written under `And`. */
  readonly and: boolean;
  /** The conditions. */
  readonly conditions: LifecycleConditions;
}

/** `Expiration`: exactly one of the three. */
export interface LifecycleExpiration {
  /** Days after creation. */
  readonly days?: number;
  /** A midnight-UTC date, ISO 8601. */
  readonly date?: string;
  /** Remove delete markers with no noncurrent versions. */
  readonly expiredObjectDeleteMarker?: boolean;
}

/** `Transition` / `NoncurrentVersionTransition`. */
export interface LifecycleTransition {
  /** Days after creation (Transition). */
  readonly days?: number;
  /** Date (Transition). */
  readonly date?: string;
  /** Days after becoming noncurrent (NoncurrentVersionTransition). */
  readonly noncurrentDays?: number;
  /** Newer noncurrent versions to keep (NoncurrentVersionTransition). */
  readonly newerNoncurrentVersions?: number;
  /** Target storage class. */
  readonly storageClass: string;
}

/** `NoncurrentVersionExpiration`. */
export interface LifecycleNoncurrentExpiration {
  /** Days after becoming noncurrent. */
  readonly noncurrentDays?: number;
  /** Newer noncurrent versions to keep. */
  readonly newerNoncurrentVersions?: number;
}

/** One lifecycle rule. */
export interface LifecycleRule {
  /** The rule's ID (S3 makes one up when the request has none). */
  readonly id: string;
  /** `Enabled` or `Disabled`. */
  readonly status: "Enabled" | "Disabled";
  /** The legacy rule-level `Prefix`, for rules written without `Filter`. */
  readonly prefix?: string;
  /** The rule's `Filter`, for rules written with one. */
  readonly filter?: LifecycleFilter;
  /** `Expiration`. */
  readonly expiration?: LifecycleExpiration;
  /** `Transition` elements. */
  readonly transitions: readonly LifecycleTransition[];
  /** `NoncurrentVersionExpiration`. */
  readonly noncurrentVersionExpiration?: LifecycleNoncurrentExpiration;
  /** `NoncurrentVersionTransition` elements. */
  readonly noncurrentVersionTransitions: readonly LifecycleTransition[];
  /** `AbortIncompleteMultipartUpload` `DaysAfterInitiation`. */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/** A bucket's whole lifecycle configuration. */
export interface LifecycleConfiguration {
  /** The rules, in request order. */
  readonly rules: readonly LifecycleRule[];
  /** `x-amz-transition-default-minimum-object-size`, echoed on Put and Get. */
  readonly transitionDefaultMinimumObjectSize: string;
}
