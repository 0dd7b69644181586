/**
 * Rendering stored lifecycle rules as GetBucketLifecycleConfiguration's `LifecycleConfiguration`
 * document (S: docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html).
 *
 * @module
 */
import type { LifecycleConditions, LifecycleRule, LifecycleTransition } from "./lifecycle_rule.ts";
import { element } from "./s3_xml.ts";

function conditionsXml(conditions: LifecycleConditions): string {
  return element("Prefix", conditions.prefix) +
    conditions.tags.map((tag) => `<Tag>${element("Key", tag.key)}${element("Value", tag.value)}</Tag>`).join(
      "",
    ) +
    element("ObjectSizeGreaterThan", conditions.objectSizeGreaterThan) +
    element("ObjectSizeLessThan", conditions.objectSizeLessThan);
}

function transitionXml(name: string, transition: LifecycleTransition): string {
  return `<${name}>${element("Date", transition.date)}${element("Days", transition.days)}${
    element("NoncurrentDays", transition.noncurrentDays)
  }${element("NewerNoncurrentVersions", transition.newerNoncurrentVersions)}${
    element("StorageClass", transition.storageClass)
  }</${name}>`;
}

function ruleXml(rule: LifecycleRule): string {
  const filter = rule.filter &&
    (rule.filter.and
      ? `<Filter><And>${conditionsXml(rule.filter.conditions)}</And></Filter>`
      : `<Filter>${conditionsXml(rule.filter.conditions)}</Filter>`);
  const expiration = rule.expiration &&
    `<Expiration>${element("Date", rule.expiration.date)}${element("Days", rule.expiration.days)}${
      element("ExpiredObjectDeleteMarker", rule.expiration.expiredObjectDeleteMarker)
    }</Expiration>`;
  const noncurrent = rule.noncurrentVersionExpiration &&
    `<NoncurrentVersionExpiration>${
      element("NoncurrentDays", rule.noncurrentVersionExpiration.noncurrentDays)
    }${
      element("NewerNoncurrentVersions", rule.noncurrentVersionExpiration.newerNoncurrentVersions)
    }</NoncurrentVersionExpiration>`;
  const abort = rule.abortIncompleteMultipartUploadDays === undefined
    ? ""
    : `<AbortIncompleteMultipartUpload>${
      element("DaysAfterInitiation", rule.abortIncompleteMultipartUploadDays)
    }</AbortIncompleteMultipartUpload>`;
  return `<Rule>${expiration ?? ""}${element("ID", rule.id)}${element("Prefix", rule.prefix)}${filter ?? ""}${
    element("Status", rule.status)
  }${rule.transitions.map((t) => transitionXml("Transition", t)).join("")}${
    rule.noncurrentVersionTransitions.map((t) => transitionXml("NoncurrentVersionTransition", t)).join("")
  }${noncurrent ?? ""}${abort}</Rule>`;
}

/**
 * The inner XML of a `LifecycleConfiguration` response.
 *
 * @param rules The stored rules.
 * @returns One `<Rule>` per rule, in the order they were put.
 */
export function lifecycleRulesXml(rules: readonly LifecycleRule[]): string {
  return rules.map(ruleXml).join("");
}
