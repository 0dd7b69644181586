/**
 * Reading a `LifecycleConfiguration` request document into rules, refusing what S3 refuses.
 *
 * Sources: the API reference (docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html,
 * API_PutBucketLifecycleConfiguration.html: "up to 1,000 rules", Filter required unless the
 * legacy Prefix is used); LocalStack's AWS-validated `validate_lifecycle_configuration` and its
 * snapshots (MalformedXML for a structural mistake, InvalidArgument "'Date' must be at midnight
 * GMT", InvalidRequest "Duplicate Tag Keys are not allowed."). Wordings marked U are the ones
 * S3-compatible stores copied from S3 and were not seen on AWS itself.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { randomUUID } from "node:crypto";
import type { XmlElement } from "../xml/xml_reader.ts";
import { integerChild, onlyChildren, readFilter, single } from "./lifecycle_filter.ts";
import type { LifecycleExpiration, LifecycleRule, LifecycleTransition } from "./lifecycle_rule.ts";
import { faults } from "./s3_fault.ts";

/** S3's limit on rules per configuration (not adjustable). */
export const MAX_LIFECYCLE_RULES = 1000;
/** The longest rule ID S3 accepts. */
const MAX_ID_LENGTH = 255;
/** Storage classes a transition may name (S: API_Transition.html). */
const TRANSITION_CLASSES = [
  "GLACIER",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "DEEP_ARCHIVE",
  "GLACIER_IR",
];
const RULE_CHILDREN = [
  "ID",
  "Prefix",
  "Filter",
  "Status",
  "Expiration",
  "Transition",
  "NoncurrentVersionExpiration",
  "NoncurrentVersionTransition",
  "AbortIncompleteMultipartUpload",
];
const DAY_MS = 24 * 60 * 60 * 1000;

/** A count of days that must be positive (U: wording of S3-compatible stores that copy S3's). */
function positive(value: number | undefined, name: string, action: string): number | undefined {
  if (value !== undefined && value <= 0) {
    throw faults.invalidArgument(
      `'${name}' for ${action} action must be a positive integer`,
      name,
      String(value),
    );
  }
  return value;
}

/** A `Date`: ISO 8601 at midnight UTC, returned in S3's rendering (`…T00:00:00.000Z`). */
function readDate(parent: XmlElement): string | undefined {
  const text = single(parent, "Date")?.text.trim();
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at)) throw faults.malformedXml();
  if (at % DAY_MS !== 0) throw faults.invalidArgument("'Date' must be at midnight GMT", "Date", text);
  return new Date(at).toISOString();
}

/** `NoncurrentDays` and `NewerNoncurrentVersions` of a noncurrent-version action, both positive. */
function readNoncurrentDays(element: XmlElement, action: string) {
  return {
    noncurrentDays: positive(integerChild(element, "NoncurrentDays"), "NoncurrentDays", action),
    newerNoncurrentVersions: positive(
      integerChild(element, "NewerNoncurrentVersions"),
      "NewerNoncurrentVersions",
      action,
    ),
  };
}

function readExpiration(element: XmlElement): LifecycleExpiration {
  onlyChildren(element, ["Days", "Date", "ExpiredObjectDeleteMarker"]);
  const marker = single(element, "ExpiredObjectDeleteMarker")?.text.trim();
  if (marker !== undefined && marker !== "true" && marker !== "false") throw faults.malformedXml();
  const expiration = {
    days: positive(integerChild(element, "Days"), "Days", "Expiration"),
    date: readDate(element),
    expiredObjectDeleteMarker: marker === undefined ? undefined : marker === "true",
  };
  // Exactly one of the three (S: API_LifecycleExpiration.html; LocalStack: MalformedXML).
  if (Object.values(expiration).filter((value) => value !== undefined).length !== 1) {
    throw faults.malformedXml();
  }
  return expiration;
}

function readTransition(element: XmlElement, noncurrent: boolean): LifecycleTransition {
  const action = noncurrent ? "NoncurrentVersionTransition" : "Transition";
  onlyChildren(
    element,
    noncurrent ? ["NoncurrentDays", "NewerNoncurrentVersions", "StorageClass"] : [
      "Days",
      "Date",
      "StorageClass",
    ],
  );
  const storageClass = single(element, "StorageClass")?.text.trim() ?? "";
  if (!TRANSITION_CLASSES.includes(storageClass)) throw faults.malformedXml();
  const transition: LifecycleTransition = noncurrent
    ? { ...readNoncurrentDays(element, action), storageClass }
    : { days: integerChild(element, "Days"), date: readDate(element), storageClass };
  // A Transition may be immediate (Days 0), never negative (U: wording).
  if ((transition.days ?? 0) < 0) {
    throw faults.invalidArgument(
      `'Days' for ${action} action must be a nonnegative integer`,
      "Days",
      String(transition.days),
    );
  }
  if (!noncurrent && (transition.days === undefined) === (transition.date === undefined)) {
    throw faults.malformedXml();
  }
  return transition;
}

function readRule(element: XmlElement): LifecycleRule {
  onlyChildren(element, RULE_CHILDREN);
  const status = single(element, "Status")?.text.trim();
  if (status !== "Enabled" && status !== "Disabled") throw faults.malformedXml();
  const filterElement = single(element, "Filter");
  const prefix = single(element, "Prefix")?.text;
  // One of Filter and the legacy Prefix, not both and not neither (S: API_LifecycleRule.html).
  if ((filterElement === undefined) === (prefix === undefined)) throw faults.malformedXml();
  const filter = filterElement && readFilter(filterElement);
  const noncurrent = single(element, "NoncurrentVersionExpiration");
  if (noncurrent) onlyChildren(noncurrent, ["NoncurrentDays", "NewerNoncurrentVersions"]);
  const noncurrentVersionExpiration = noncurrent &&
    readNoncurrentDays(noncurrent, "NoncurrentVersionExpiration");
  if (noncurrentVersionExpiration && noncurrentVersionExpiration.noncurrentDays === undefined) {
    throw faults.malformedXml();
  }
  const abort = single(element, "AbortIncompleteMultipartUpload");
  if (abort) onlyChildren(abort, ["DaysAfterInitiation"]);
  const abortDays = abort && integerChild(abort, "DaysAfterInitiation");
  if (abort && abortDays === undefined) throw faults.malformedXml();
  const expirationElement = single(element, "Expiration");
  const rule: LifecycleRule = {
    id: single(element, "ID")?.text ?? "",
    status,
    prefix,
    filter,
    expiration: expirationElement && readExpiration(expirationElement),
    transitions: element.children.filter((c) => c.name === "Transition").map((c) => readTransition(c, false)),
    noncurrentVersionExpiration,
    noncurrentVersionTransitions: element.children.filter((c) => c.name === "NoncurrentVersionTransition")
      .map((c) => readTransition(c, true)),
    abortIncompleteMultipartUploadDays: positive(
      abortDays,
      "DaysAfterInitiation",
      "AbortIncompleteMultipartUpload",
    ),
  };
  checkActions(rule);
  return rule;
}

/** Rules S3 refuses for what they combine, not for how they are written (U: wordings). */
function checkActions(rule: LifecycleRule): void {
  const acts = rule.expiration || rule.transitions.length || rule.noncurrentVersionExpiration ||
    rule.noncurrentVersionTransitions.length || rule.abortIncompleteMultipartUploadDays !== undefined;
  if (!acts) throw faults.invalidRequest("At least one action needs to be specified in a rule");
  const conditions = rule.filter?.conditions;
  const tagged = (conditions?.tags.length ?? 0) > 0;
  const sized = conditions?.objectSizeGreaterThan !== undefined ||
    conditions?.objectSizeLessThan !== undefined;
  if (rule.abortIncompleteMultipartUploadDays !== undefined && (tagged || sized)) {
    throw faults.invalidRequest(
      `AbortIncompleteMultipartUpload cannot be specified with ${tagged ? "Tags" : "object size"}.`,
    );
  }
  if (rule.expiration?.expiredObjectDeleteMarker !== undefined && tagged) {
    throw faults.invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Tags.");
  }
}

/**
 * Reads and validates a PutBucketLifecycleConfiguration body. Rules without an ID get one, as
 * S3 gives them (U: AWS's generated IDs look like the base64 of a UUID).
 *
 * @param root The document's root element.
 * @returns The rules, in request order.
 * @throws {S3Fault} MalformedXML, InvalidArgument or InvalidRequest, as S3 answers.
 */
export function readLifecycleRules(root: XmlElement): LifecycleRule[] {
  if (root.name !== "LifecycleConfiguration") throw faults.malformedXml();
  onlyChildren(root, ["Rule"]);
  // U: the code for more than 1000 rules; the schema check is what S3 runs first.
  if (root.children.length === 0 || root.children.length > MAX_LIFECYCLE_RULES) throw faults.malformedXml();
  const rules = root.children.map(readRule);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (rule.id.length > MAX_ID_LENGTH) {
      throw faults.invalidArgument("ID length should not exceed allowed limit of 255", "ID", rule.id);
    }
    if (rule.id !== "" && seen.has(rule.id)) {
      throw faults.invalidArgument(
        "Rule ID must be unique. Found same ID for more than one rule",
        "ID",
        rule.id,
      );
    }
    seen.add(rule.id);
  }
  return rules.map((rule) =>
    rule.id === "" ? { ...rule, id: Buffer.from(randomUUID()).toString("base64") } : rule
  );
}
